/* crm-board-page-actions.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-board-page"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-customer.h"
#include "crm-lost-reason-dialog.h"
#include "crm-opportunity-editor.h"
#include "crm-query-model.h"
#include "crm-stage.h"
#include "crm-store-board.h"
#include "crm-store-pipelines.h"
#include "crm-board-page-private.h"
#include "crm-toast-queue.h"

/* The board's moves: every way a card moves (a drop, the card's menu, a
 * key) ends in _crm_board_page_start_move(), which asks for a reason when
 * the card is lost, stores the move and reports it in an Undo toast. */

typedef struct
{
  CrmBoardPage *self;
  gint64        id;
  char         *stage;
  guint         index;
  char         *title;
  gboolean      reorder;
  gboolean      focus;
} Move;

/* Plain functions */

/**
 * crm_board_plan_move:
 * @stages: (array zero-terminated=1): the pipeline's stages, in order
 * @stage: the card's stage
 * @index: the card's place in its column
 * @n_cards: how many cards the column shows
 * @move: the move asked for
 * @target_stage: (out) (transfer none): where the card goes, one of @stages
 * @target_index: (out): its place there after the move
 *
 * Works out a keyboard move. A card moved to another stage goes to the
 * top, where it can be seen and moved on.
 *
 * Returns: %FALSE when the card cannot move that way (first or last)
 */
gboolean
crm_board_plan_move (const char * const  *stages,
                     const char          *stage,
                     guint                index,
                     guint                n_cards,
                     CrmBoardMove         move,
                     const char         **target_stage,
                     guint               *target_index)
{
  guint i;

  g_return_val_if_fail (stages != NULL && stage != NULL, FALSE);
  g_return_val_if_fail (target_stage != NULL && target_index != NULL, FALSE);

  if (move == CRM_BOARD_MOVE_UP || move == CRM_BOARD_MOVE_DOWN)
    {
      if (index >= n_cards ||
          (move == CRM_BOARD_MOVE_UP && index == 0) ||
          (move == CRM_BOARD_MOVE_DOWN && index + 1 >= n_cards))
        return FALSE;

      *target_index = move == CRM_BOARD_MOVE_UP ? index - 1 : index + 1;
      for (i = 0; stages[i] != NULL && !g_str_equal (stages[i], stage); i++)
        ;
      *target_stage = stages[i] != NULL ? stages[i] : stage;
      return TRUE;
    }

  for (i = 0; stages[i] != NULL && !g_str_equal (stages[i], stage); i++)
    ;
  if (stages[i] == NULL)
    return FALSE;

  if (move == CRM_BOARD_MOVE_PREVIOUS_STAGE)
    {
      if (i == 0)
        return FALSE;
      i--;
    }
  else
    {
      if (stages[i + 1] == NULL)
        return FALSE;
      i++;
    }

  *target_stage = stages[i];
  *target_index = 0;

  return TRUE;
}

/* Toasts */

static void
on_undo_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data);

static void
on_toast_button_clicked_cb (CrmBoardPage *self,
                            AdwToast     *toast)
{
  gint64 *group = g_object_get_data (G_OBJECT (toast), "undo-group");

  if (group == NULL || *group <= 0)
    return;

  if (*group == self->last_undo_group)
    self->last_undo_group = 0;

  crm_store_undo_async (self->store, *group, self->cancellable, on_undo_done_cb,
                        g_object_ref (self));
}

static void
show_toast (CrmBoardPage *self,
            const char   *title,
            gint64        undo_group)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *markup = g_markup_escape_text (title, -1);
  AdwToast *toast = self->last_toast;

  /* A newer move makes the shown toast's news stale: the toast takes the
   * new news rather than queueing behind it. (Dismissing it instead can
   * crash libadwaita 1.2 when toasts come fast.) */
  if (toast == NULL)
    {
      toast = adw_toast_new (markup);
      g_signal_connect_object (toast, "button-clicked",
                               G_CALLBACK (on_toast_button_clicked_cb), self,
                               G_CONNECT_SWAPPED);
    }

  adw_toast_set_title (toast, markup);
  adw_toast_set_button_label (toast, undo_group > 0 ? _("_Undo") : NULL);
  g_object_set_data_full (G_OBJECT (toast), "undo-group",
                          g_memdup2 (&undo_group, sizeof undo_group), g_free);
  crm_toast_queue_set_change (toast, undo_group, FALSE);

  if (toast == self->last_toast)
    return;

  g_set_weak_pointer (&self->last_toast, toast);

  if (overlay == NULL)
    {
      /* The title names the customer: not for the log. */
      g_debug ("No toast overlay for a board toast");
      g_object_unref (toast);
      return;
    }

  crm_toast_queue_show (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
on_undo_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CrmBoardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (crm_store_mutation_finish (CRM_STORE (object), result, NULL, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  message = g_strdup_printf (_("Could not undo: %s"), error->message);
  show_toast (self, message, 0);
}

/* Moves */

static void
move_free (Move *move)
{
  g_clear_object (&move->self);
  g_free (move->stage);
  g_free (move->title);
  g_free (move);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Move, move_free)

/* The name a person knows the card by: its own, else its customer's. */
static char *
dup_card_title (CrmBoardPage   *self,
                CrmOpportunity *opportunity)
{
  const char *name = crm_opportunity_get_name (opportunity);
  g_autoptr(GObject) customer = NULL;

  if (name != NULL && name[0] != '\0')
    return g_strdup (name);

  customer = crm_store_load (self->store, CRM_ENTITY_CUSTOMER,
                             crm_opportunity_get_customer_id (opportunity), NULL);
  if (customer != NULL)
    return g_strdup (crm_customer_get_display_name (CRM_CUSTOMER (customer)));

  return g_strdup (_("Opportunity"));
}

static char *
describe_move (CrmBoardPage *self,
               Move         *move)
{
  if (move->reorder)
    /* Translators: %s is an opportunity moved within its column */
    return g_strdup_printf (_("Moved “%s”"), move->title);

  if (crm_board_page_get_stage_hidden (self, move->stage))
    /* Translators: an opportunity moved to a stage the board hides */
    return g_strdup_printf (_("“%s” moved to %s and is hidden by the filter"),
                            move->title, move->stage);

  /* Translators: an opportunity and the stage it moved to */
  return g_strdup_printf (_("“%s” moved to %s"), move->title, move->stage);
}

static void
on_move_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Move) move = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  CrmBoardPage *self = move->self;
  CrmBoardColumn *column;
  gint64 undo_group = 0;

  if (!crm_store_move_opportunity_finish (CRM_STORE (object), result, &undo_group, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* Translators: an opportunity, then why it could not move */
      message = g_strdup_printf (_("Could not move “%s”: %s"), move->title, error->message);
      show_toast (self, message, 0);
      return;
    }

  message = describe_move (self, move);
  show_toast (self, message, undo_group);
  self->last_undo_group = undo_group;
  self->last_moved_id = move->id;

  /* A keyboard user keeps their place: on the card, or on the strip of a
   * hidden stage, from which the stage can be shown. */
  column = crm_board_page_get_column (self, move->stage);
  if (!move->focus || column == NULL)
    return;

  if (crm_board_column_get_collapsed (column))
    crm_board_column_focus_strip (column);
  else
    crm_board_column_focus_card (column, move->id);
}

static void
send_move (CrmBoardPage *self,
           Move         *move,
           const char   *lost_reason)
{
  crm_store_move_opportunity_async (self->store, move->id, move->stage, move->index,
                                    lost_reason, self->view_filter, self->cancellable,
                                    on_move_done_cb, move);
}

static void
on_reason_dialog_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              gpointer          user_data)
{
  Move *move = g_object_steal_data (G_OBJECT (dialog), "move");
  g_autofree char *reason = NULL;

  /* Closing the dialog after a response answers once more. */
  if (move == NULL)
    return;

  /* Cancel stores nothing, so every card stays where it was (case K2). */
  if (!g_str_equal (response, CRM_LOST_REASON_RESPONSE_LOST))
    {
      move_free (move);
      return;
    }

  reason = crm_lost_reason_dialog_dup_reason (CRM_LOST_REASON_DIALOG (dialog));
  send_move (move->self, move, reason);
}

/* Closed Lost needs a reason: ask, then move or, on Cancel, do nothing. */
static void
ask_lost_reason (CrmBoardPage *self,
                 Move         *move)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = crm_lost_reason_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       move->title);
  g_object_set_data_full (G_OBJECT (dialog), "move", move, (GDestroyNotify) move_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_reason_dialog_response_cb), NULL);

  g_set_weak_pointer (&self->reason_dialog, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (crm_lost_reason_dialog_get_entry (
    CRM_LOST_REASON_DIALOG (dialog))));
}

static gboolean
stage_is_lost (CrmBoardPage *self,
               const char   *stage)
{
  g_autoptr(CrmStage) config = crm_store_find_stage (self->store, self->pipeline, stage);

  return config != NULL &&
         g_strcmp0 (crm_stage_get_forecast_category (config), "lost") == 0;
}

/* Every move starts here: a drop, the menu, a key. */
void
_crm_board_page_start_move (CrmBoardPage *self,
                            gint64        id,
                            const char   *stage,
                            guint         index,
                            gboolean      focus)
{
  g_autoptr(GObject) object = crm_store_load (self->store, CRM_ENTITY_OPPORTUNITY, id, NULL);
  CrmOpportunity *opportunity;
  Move *move;

  if (object == NULL)
    return;

  opportunity = CRM_OPPORTUNITY (object);
  move = g_new0 (Move, 1);
  move->self = g_object_ref (self);
  move->id = id;
  move->stage = g_strdup (stage);
  move->index = index;
  move->focus = focus;
  move->reorder = g_strcmp0 (crm_opportunity_get_stage (opportunity), stage) == 0;
  move->title = dup_card_title (self, opportunity);

  if (!move->reorder && stage_is_lost (self, stage))
    ask_lost_reason (self, move);
  else
    send_move (self, move, NULL);
}

static void
keyboard_move (CrmBoardPage *self,
               gint64        id,
               CrmBoardMove  direction)
{
  g_autoptr(GObject) object = crm_store_load (self->store, CRM_ENTITY_OPPORTUNITY, id, NULL);
  CrmBoardColumn *column;
  CrmQueryModel *model;
  const char *target = NULL;
  guint index = 0, n = 0, target_index = 0;

  if (object == NULL || self->stages == NULL)
    return;

  column = crm_board_page_get_column (self, crm_opportunity_get_stage (CRM_OPPORTUNITY (object)));
  if (column != NULL)
    {
      model = crm_board_column_get_model (column);
      index = crm_query_model_find (model, id);
      n = g_list_model_get_n_items (G_LIST_MODEL (model));
    }

  if (!crm_board_plan_move ((const char * const *) self->stages,
                            crm_opportunity_get_stage (CRM_OPPORTUNITY (object)),
                            index, n, direction, &target, &target_index))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  _crm_board_page_start_move (self, id, target, target_index, TRUE);
}

static GtkWidget *
find_focused_card (CrmBoardPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* The focus sits on the list's row, or on a button inside the card. */
  for (GtkWidget *widget = focus;
       widget != NULL && widget != GTK_WIDGET (self);
       widget = gtk_widget_get_parent (widget))
    {
      GtkWidget *child = gtk_widget_get_first_child (widget);

      if (CRM_IS_OPPORTUNITY_CARD (widget))
        return widget;
      if (CRM_IS_OPPORTUNITY_CARD (child))
        return child;
    }

  return NULL;
}

static gboolean
move_focused_card_cb (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  CrmBoardPage *self = CRM_BOARD_PAGE (widget);
  GtkWidget *card = find_focused_card (self);
  gint64 id = card != NULL ? crm_opportunity_card_get_id (CRM_OPPORTUNITY_CARD (card)) : 0;

  if (id <= 0)
    return FALSE;

  keyboard_move (self, id, g_variant_get_int32 (args));
  return TRUE;
}

/* The menu key, or Shift+F10, opens the focused card's menu: "Move to"
 * every stage, from the keyboard. */
static gboolean
popup_focused_card_menu_cb (GtkWidget *widget,
                            GVariant  *args,
                            gpointer   user_data)
{
  GtkWidget *card = find_focused_card (CRM_BOARD_PAGE (widget));

  if (card == NULL)
    return FALSE;

  crm_opportunity_card_popup_menu (CRM_OPPORTUNITY_CARD (card));
  return TRUE;
}

static void
on_keyboard_undo_done_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(CrmBoardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) card = NULL;
  g_autofree char *message = NULL;
  CrmBoardColumn *column;

  if (!crm_store_mutation_finish (CRM_STORE (object), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      message = g_strdup_printf (_("Could not undo: %s"), error->message);
      show_toast (self, message, 0);
      return;
    }

  /* Back where it was: the focus follows it. */
  card = crm_store_load (self->store, CRM_ENTITY_OPPORTUNITY, self->last_moved_id, NULL);
  column = card != NULL
    ? crm_board_page_get_column (self, crm_opportunity_get_stage (CRM_OPPORTUNITY (card)))
    : NULL;
  if (column != NULL && !crm_board_column_get_collapsed (column))
    crm_board_column_focus_card (column, self->last_moved_id);
}

/* Ctrl+Z undoes the latest move, as its toast's Undo does. */
static gboolean
undo_last_move_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  CrmBoardPage *self = CRM_BOARD_PAGE (widget);
  gint64 group = self->last_undo_group;

  if (group <= 0)
    {
      gtk_widget_error_bell (widget);
      return TRUE;
    }

  self->last_undo_group = 0;
  show_toast (self, _("Move undone"), 0);
  crm_store_undo_async (self->store, group, self->cancellable, on_keyboard_undo_done_cb,
                        g_object_ref (self));

  return TRUE;
}

/* Actions */

static void
crm_board_page_move_card_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  CrmBoardPage *self = CRM_BOARD_PAGE (widget);
  const char *stage;
  gint64 id;

  g_variant_get (parameter, "(x&s)", &id, &stage);
  _crm_board_page_start_move (self, id, stage, 0, TRUE);
}

static void
crm_board_page_keyboard_move_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  CrmBoardPage *self = CRM_BOARD_PAGE (widget);
  CrmBoardMove move;

  if (g_str_equal (action_name, "board.move-up"))
    move = CRM_BOARD_MOVE_UP;
  else if (g_str_equal (action_name, "board.move-down"))
    move = CRM_BOARD_MOVE_DOWN;
  else if (g_str_equal (action_name, "board.move-previous"))
    move = CRM_BOARD_MOVE_PREVIOUS_STAGE;
  else
    move = CRM_BOARD_MOVE_NEXT_STAGE;

  keyboard_move (self, g_variant_get_int64 (parameter), move);
}

static void
crm_board_page_open_card_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  CrmBoardPage *self = CRM_BOARD_PAGE (widget);
  g_autoptr(GObject) object = NULL;
  CrmOpportunity *opportunity;

  object = crm_store_load (self->store, CRM_ENTITY_OPPORTUNITY,
                           g_variant_get_int64 (parameter), NULL);
  if (object == NULL)
    return;

  opportunity = CRM_OPPORTUNITY (object);
  _crm_board_page_emit_customer_activated (self, crm_opportunity_get_customer_id (opportunity));
}

static GtkWindow *
parent_window (CrmBoardPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
crm_board_page_edit_card_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  CrmBoardPage *self = CRM_BOARD_PAGE (widget);
  g_autoptr(GObject) object = NULL;
  GtkWidget *editor;

  object = crm_store_load (self->store, CRM_ENTITY_OPPORTUNITY,
                           g_variant_get_int64 (parameter), NULL);
  if (object == NULL)
    return;

  editor = crm_opportunity_editor_new (parent_window (self), self->store,
                                       crm_opportunity_get_customer_id (CRM_OPPORTUNITY (object)),
                                       g_variant_get_int64 (parameter));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
crm_board_page_new_opportunity_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  CrmBoardPage *self = CRM_BOARD_PAGE (widget);
  GtkWidget *editor;

  editor = crm_opportunity_editor_new (parent_window (self), self->store, 0, 0);
  if (self->pipeline != NULL && self->stages != NULL && self->stages[0] != NULL)
    crm_opportunity_editor_set_stage (CRM_OPPORTUNITY_EDITOR (editor), self->pipeline,
                                      self->stages[0]);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
crm_board_page_clear_filters_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  CrmBoardPage *self = CRM_BOARD_PAGE (widget);

  for (guint i = 0; self->stages != NULL && self->stages[i] != NULL; i++)
    crm_board_page_set_stage_hidden (self, self->stages[i], FALSE);

  crm_board_page_set_filters (self, NULL, CRM_BOARD_CLOSING_ANY, 0);
}

static void
add_move_binding (GtkWidgetClass  *widget_class,
                  guint            keyval,
                  GdkModifierType  modifiers,
                  CrmBoardMove     move)
{
  gtk_widget_class_add_binding (widget_class, keyval, modifiers, move_focused_card_cb,
                                "i", (int) move);
}

/**
 * _crm_board_page_install_actions:
 * @widget_class: the page's class
 *
 * Installs the `board.*` actions and the keys that move a focused card.
 */
void
_crm_board_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "board.move-card", "(xs)",
                                   crm_board_page_move_card_action);
  gtk_widget_class_install_action (widget_class, "board.move-up", "x",
                                   crm_board_page_keyboard_move_action);
  gtk_widget_class_install_action (widget_class, "board.move-down", "x",
                                   crm_board_page_keyboard_move_action);
  gtk_widget_class_install_action (widget_class, "board.move-previous", "x",
                                   crm_board_page_keyboard_move_action);
  gtk_widget_class_install_action (widget_class, "board.move-next", "x",
                                   crm_board_page_keyboard_move_action);
  gtk_widget_class_install_action (widget_class, "board.open-card", "x",
                                   crm_board_page_open_card_action);
  gtk_widget_class_install_action (widget_class, "board.edit-card", "x",
                                   crm_board_page_edit_card_action);
  gtk_widget_class_install_action (widget_class, "board.new-opportunity", NULL,
                                   crm_board_page_new_opportunity_action);
  gtk_widget_class_install_action (widget_class, "board.clear-filters", NULL,
                                   crm_board_page_clear_filters_action);

  add_move_binding (widget_class, GDK_KEY_Left, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                    CRM_BOARD_MOVE_PREVIOUS_STAGE);
  add_move_binding (widget_class, GDK_KEY_Right, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                    CRM_BOARD_MOVE_NEXT_STAGE);
  add_move_binding (widget_class, GDK_KEY_Up, GDK_ALT_MASK, CRM_BOARD_MOVE_UP);
  add_move_binding (widget_class, GDK_KEY_Down, GDK_ALT_MASK, CRM_BOARD_MOVE_DOWN);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                popup_focused_card_menu_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, popup_focused_card_menu_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, undo_last_move_cb, NULL);
}

/**
 * crm_board_page_move_card:
 * @self: a #CrmBoardPage
 * @id: an opportunity of the pipeline
 * @stage: the stage it goes to
 * @index: its place there after the move, among the cards shown
 *
 * Moves a card as a drop does: a stage of category "lost" asks for the
 * reason first; the result is reported in a toast with Undo.
 */
void
crm_board_page_move_card (CrmBoardPage *self,
                          gint64        id,
                          const char   *stage,
                          guint         index)
{
  g_return_if_fail (CRM_IS_BOARD_PAGE (self));
  g_return_if_fail (id > 0 && stage != NULL);

  _crm_board_page_start_move (self, id, stage, index, FALSE);
}

/**
 * crm_board_page_get_reason_dialog:
 * @self: a #CrmBoardPage
 *
 * Returns: (transfer none) (nullable): the open dialog asking why an
 *   opportunity was lost
 */
AdwMessageDialog *
crm_board_page_get_reason_dialog (CrmBoardPage *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_PAGE (self), NULL);

  return self->reason_dialog;
}

/**
 * crm_board_page_get_last_toast:
 * @self: a #CrmBoardPage
 *
 * Returns: (transfer none) (nullable): the latest toast, while it shows
 */
AdwToast *
crm_board_page_get_last_toast (CrmBoardPage *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_PAGE (self), NULL);

  return self->last_toast;
}
