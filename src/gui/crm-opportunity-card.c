/* crm-opportunity-card.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-opportunity-card"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "crm-customer-format.h"
#include "crm-date.h"
#include "crm-money.h"
#include "crm-opportunity-card.h"

/* One opportunity on the board: the customer, the amount, the close date,
 * the owner and the days in the stage, with a mark when it has sat idle
 * too long. It is a drag source carrying the opportunity's id, and its
 * menu offers every move for the keyboard. The column fills in what the
 * card cannot know by itself (customer, "me", staleness). */
struct _CrmOpportunityCard
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkLabel       *customer_label;
  GtkImage       *stale_image;
  GtkImage       *refused_image;
  GtkMenuButton  *menu_button;
  GtkLabel       *name_label;
  GtkLabel       *amount_label;
  GtkLabel       *close_label;
  GtkLabel       *owner_label;
  GtkLabel       *days_label;

  /* Owned */
  CrmOpportunity *opportunity;
  char           *me_email;
  char           *me_name;
  GStrv           stages;

  /* Tooltips, shown when asked for: setting a widget's tooltip costs a
   * round trip to the display server, and a column binds cards again
   * whenever rows shift. */
  char           *customer_tip;
  char           *owner_tip;
  char           *close_tip;
  char           *days_tip;
  char           *refused_tip;

  /* State */
  gulong          notify_handler;
  gboolean        stale;
  guint           idle_days;
};

G_DEFINE_FINAL_TYPE (CrmOpportunityCard, crm_opportunity_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_OPPORTUNITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * crm_opportunity_card_days_since:
 * @since: (nullable): an instant
 * @today: the local date of today
 *
 * Returns: the whole days from the local date of @since to @today; 0 for
 *   %NULL or a time in the future
 */
guint
crm_opportunity_card_days_since (GDateTime   *since,
                                 const GDate *today)
{
  g_autoptr(GDateTime) local = NULL;
  GDate day;
  int days;

  g_return_val_if_fail (today != NULL && g_date_valid (today), 0);

  if (since == NULL)
    return 0;

  local = g_date_time_to_local (since);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
  days = g_date_days_between (&day, today);

  return days > 0 ? (guint) days : 0;
}

/**
 * crm_opportunity_card_is_stale:
 * @opportunity: an opportunity
 * @last_activity_at: (nullable): its customer's last note, call, email or
 *   completed task
 * @stale_days: the stage's limit in days; 0 or less: never stale
 * @has_future_task: whether a task is planned for today or later
 * @today: the local date of today
 * @idle_days: (out) (optional): the days since it entered the stage or
 *   since the customer's last activity, whichever is later
 *
 * A card is stale when it has been idle for more days than its stage
 * allows and nothing is planned; a closed opportunity never is.
 *
 * Returns: whether to mark the card stale
 */
gboolean
crm_opportunity_card_is_stale (CrmOpportunity *opportunity,
                               GDateTime      *last_activity_at,
                               gint64          stale_days,
                               gboolean        has_future_task,
                               const GDate    *today,
                               guint          *idle_days)
{
  GDateTime *entered;
  GDateTime *since;
  guint days;

  g_return_val_if_fail (CRM_IS_OPPORTUNITY (opportunity), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  entered = crm_opportunity_get_stage_entered_at (opportunity);
  if (entered == NULL)
    entered = crm_opportunity_get_created_at (opportunity);

  since = entered;
  if (last_activity_at != NULL &&
      (since == NULL || g_date_time_compare (last_activity_at, since) > 0))
    since = last_activity_at;

  days = crm_opportunity_card_days_since (since, today);
  if (idle_days != NULL)
    *idle_days = days;

  return stale_days > 0 && days > stale_days && !has_future_task &&
         crm_opportunity_get_closed_on (opportunity) == NULL;
}

/**
 * crm_opportunity_card_format_close_on:
 * @close_on: (nullable): the expected close date
 * @today: the local date of today
 *
 * Returns: (transfer full): the date as short as it can be: "Today",
 *   "30 Jun", or "30 Jun 2026" outside this year; empty for no date
 */
char *
crm_opportunity_card_format_close_on (const GDate *close_on,
                                      const GDate *today)
{
  g_autoptr(GDateTime) noon = NULL;

  g_return_val_if_fail (today != NULL, NULL);

  if (close_on == NULL || !g_date_valid (close_on))
    return g_strdup ("");

  if (g_date_compare (close_on, today) == 0)
    return g_strdup (_("Today"));

  noon = g_date_time_new_local (g_date_get_year (close_on), g_date_get_month (close_on),
                                g_date_get_day (close_on), 12, 0, 0);
  if (g_date_get_year (close_on) == g_date_get_year (today))
    /* Translators: a short date; see g_date_time_format() for the codes */
    return g_date_time_format (noon, _("%-d %b"));

  /* Translators: a short date with its year; see g_date_time_format() */
  return g_date_time_format (noon, _("%-d %b %Y"));
}

/* "Me" by name; anyone else by the part of the address before the "@",
 * which fits a card; the whole address is in the tooltip. */
static void
update_owner (CrmOpportunityCard *self)
{
  const char *email = crm_opportunity_get_owner (self->opportunity);
  g_autofree char *owner = NULL;
  const char *at;

  owner = crm_customer_format_owner (email, self->me_email, self->me_name);
  if (email != NULL && g_str_equal (owner, email) && (at = strchr (owner, '@')) != NULL &&
      at > owner)
    owner[at - owner] = '\0';

  gtk_label_set_label (self->owner_label, owner);
  g_free (self->owner_tip);
  self->owner_tip = g_strdup (email);
}

/**
 * crm_opportunity_card_days_in_stage:
 * @opportunity: an opportunity
 * @today: the local date of today
 *
 * Returns: the days since it entered its stage, or since it was created
 *   when that is not known
 */
guint
crm_opportunity_card_days_in_stage (CrmOpportunity *opportunity,
                                    const GDate    *today)
{
  GDateTime *entered;

  g_return_val_if_fail (CRM_IS_OPPORTUNITY (opportunity), 0);

  entered = crm_opportunity_get_stage_entered_at (opportunity);
  if (entered == NULL)
    entered = crm_opportunity_get_created_at (opportunity);

  return crm_opportunity_card_days_since (entered, today);
}

/**
 * crm_opportunity_card_format_days:
 * @in_stage: the days in the stage
 * @stale: whether the card is stale
 * @idle_days: for how many days it has been idle
 *
 * Returns: (transfer full): what the card's corner says: the days in the
 *   stage, "45 d"; for a stale card also how long it has been idle,
 *   "45 d · 21 d idle", or "45 d idle" when it has been idle all along
 */
char *
crm_opportunity_card_format_days (guint    in_stage,
                                  gboolean stale,
                                  guint    idle_days)
{
  if (!stale)
    /* Translators: days in the stage; keep it short */
    return g_strdup_printf (_("%u d"), in_stage);

  if (idle_days >= in_stage)
    /* Translators: a card idle for all of its days in the stage */
    return g_strdup_printf (_("%u d idle"), in_stage);

  /* Translators: days in the stage, then the days idle; keep it short */
  return g_strdup_printf (_("%u d · %u d idle"), in_stage, idle_days);
}

static char *
dup_days_tooltip (guint    in_stage,
                  gboolean stale,
                  guint    idle_days)
{
  g_autofree char *days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "%u day in this stage",
                                                        "%u days in this stage", in_stage),
                                           in_stage);

  if (!stale)
    return g_steal_pointer (&days);

  /* Translators: the first %s is "5 days in this stage"; %u is a count */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s, idle for %u day with no task planned",
                                       "%s, idle for %u days with no task planned",
                                       idle_days),
                          days, idle_days);
}

static void
update_days (CrmOpportunityCard *self)
{
  g_autoptr(GDate) today = crm_date_today_local ();
  g_autofree char *text = NULL;
  guint in_stage;

  in_stage = crm_opportunity_card_days_in_stage (self->opportunity, today);
  text = crm_opportunity_card_format_days (in_stage, self->stale, self->idle_days);

  /* A closed card no longer ages in its stage. */
  gtk_widget_set_visible (GTK_WIDGET (self->days_label),
                          crm_opportunity_get_closed_on (self->opportunity) == NULL);
  gtk_label_set_label (self->days_label, text);
  g_free (self->days_tip);
  self->days_tip = dup_days_tooltip (in_stage, self->stale, self->idle_days);
  gtk_widget_set_visible (GTK_WIDGET (self->stale_image), self->stale);

  if (self->stale)
    gtk_widget_add_css_class (GTK_WIDGET (self), "stale");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "stale");
}

static void
update_close_on (CrmOpportunityCard *self)
{
  g_autoptr(GDate) today = crm_date_today_local ();
  const GDate *closed_on = crm_opportunity_get_closed_on (self->opportunity);
  const GDate *close_on = closed_on != NULL ? closed_on
                                            : crm_opportunity_get_close_on (self->opportunity);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  gboolean overdue;

  /* A closed card shows when it closed; an open one when it should. */
  text = crm_opportunity_card_format_close_on (close_on, today);
  overdue = closed_on == NULL && close_on != NULL && g_date_compare (close_on, today) < 0;

  if (close_on != NULL)
    {
      g_autofree char *date = crm_customer_format_date (close_on);

      if (closed_on != NULL)
        /* Translators: %s is a date */
        tooltip = g_strdup_printf (_("Closed on %s"), date);
      else if (overdue)
        /* Translators: %s is a date */
        tooltip = g_strdup_printf (_("Was expected to close on %s"), date);
      else
        /* Translators: %s is a date */
        tooltip = g_strdup_printf (_("Expected to close on %s"), date);
    }

  gtk_label_set_label (self->close_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->close_label), text[0] != '\0');
  g_free (self->close_tip);
  self->close_tip = g_steal_pointer (&tooltip);
  if (overdue)
    gtk_widget_add_css_class (GTK_WIDGET (self->close_label), "overdue");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->close_label), "overdue");
}

static void
update_labels (CrmOpportunityCard *self)
{
  CrmOpportunity *opportunity = self->opportunity;
  g_autofree char *amount = NULL;
  const char *name;

  if (opportunity == NULL)
    return;

  name = crm_opportunity_get_name (opportunity);
  gtk_label_set_label (self->name_label, name);
  gtk_widget_set_visible (GTK_WIDGET (self->name_label), name != NULL && name[0] != '\0');

  amount = crm_money_format (crm_opportunity_get_amount_minor (opportunity),
                             crm_opportunity_get_currency (opportunity));
  gtk_label_set_label (self->amount_label, amount);

  update_close_on (self);
  update_owner (self);
  update_days (self);
}

/* What the card shows; a reorder changes only the position, and a whole
 * column renumbered must not redraw every card in it. */
static const char * const shown_properties[] = {
  "name", "amount-minor", "currency", "close-on", "closed-on", "owner",
  "stage-entered-at", "created-at", NULL
};

static void
on_opportunity_notify_cb (CrmOpportunityCard *self,
                          GParamSpec         *pspec,
                          CrmOpportunity     *opportunity)
{
  if (g_strv_contains (shown_properties, pspec->name))
    update_labels (self);
}

static void
append_move (GMenu      *menu,
             const char *label,
             const char *action,
             const char *accel,
             gint64      id)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_int64 (id));
  if (accel != NULL)
    g_menu_item_set_attribute (item, "accel", "s", accel);
  g_menu_append_item (menu, item);
}

/**
 * crm_opportunity_card_dup_menu:
 * @self: a #CrmOpportunityCard
 *
 * Builds the card's menu: open and edit, "Move to" every other stage, and
 * the keyboard moves with their shortcuts. Its actions are the board
 * page's (`board.*`), with the card's id as their target.
 *
 * Returns: (transfer full): the menu
 */
GMenuModel *
crm_opportunity_card_dup_menu (CrmOpportunityCard *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) open = g_menu_new ();
  g_autoptr(GMenu) move_to = g_menu_new ();
  g_autoptr(GMenu) moves = g_menu_new ();
  const char *stage;
  gint64 id;

  g_return_val_if_fail (CRM_IS_OPPORTUNITY_CARD (self), NULL);
  g_return_val_if_fail (self->opportunity != NULL, NULL);

  id = crm_record_get_id (CRM_RECORD (self->opportunity));
  stage = crm_opportunity_get_stage (self->opportunity);

  append_move (open, _("_Open Customer"), "board.open-card", "Return", id);
  append_move (open, _("_Edit…"), "board.edit-card", NULL, id);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (open));

  for (guint i = 0; self->stages != NULL && self->stages[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (g_strcmp0 (self->stages[i], stage) == 0)
        continue;

      item = g_menu_item_new (self->stages[i], NULL);
      g_menu_item_set_action_and_target_value (item, "board.move-card",
                                               g_variant_new ("(xs)", id, self->stages[i]));
      g_menu_append_item (move_to, item);
    }
  g_menu_append_submenu (menu, _("_Move To"), G_MENU_MODEL (move_to));

  append_move (moves, _("Move _Up"), "board.move-up", "<Alt>Up", id);
  append_move (moves, _("Move _Down"), "board.move-down", "<Alt>Down", id);
  append_move (moves, _("_Previous Stage"), "board.move-previous",
               "<Control><Shift>Left", id);
  append_move (moves, _("_Next Stage"), "board.move-next", "<Control><Shift>Right", id);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (moves));

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

/* The menu is built when it opens: a column binds cards far more often
 * than anyone opens one. */
static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  CrmOpportunityCard *self = user_data;
  g_autoptr(GMenuModel) menu = NULL;

  if (self->opportunity == NULL)
    return;

  menu = crm_opportunity_card_dup_menu (self);
  gtk_menu_button_set_menu_model (button, menu);
}

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource      *source,
                    double              x,
                    double              y,
                    CrmOpportunityCard *self)
{
  if (self->opportunity == NULL)
    return NULL;

  return gdk_content_provider_new_typed (G_TYPE_INT64,
                                         crm_record_get_id (CRM_RECORD (self->opportunity)));
}

static void
on_drag_begin_cb (GtkDragSource      *source,
                  GdkDrag            *drag,
                  CrmOpportunityCard *self)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));

  gtk_drag_source_set_icon (source, paintable, 24, 16);
  gtk_widget_add_css_class (GTK_WIDGET (self), "dragged");
}

static void
on_drag_end_cb (GtkDragSource      *source,
                GdkDrag            *drag,
                gboolean            delete_data,
                CrmOpportunityCard *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "dragged");
}

static gboolean
on_query_tooltip_cb (GtkWidget          *widget,
                     int                 x,
                     int                 y,
                     gboolean            keyboard,
                     GtkTooltip         *tooltip,
                     CrmOpportunityCard *self)
{
  const char *text = NULL;

  if (widget == GTK_WIDGET (self->customer_label))
    text = self->customer_tip;
  else if (widget == GTK_WIDGET (self->owner_label))
    text = self->owner_tip;
  else if (widget == GTK_WIDGET (self->close_label))
    text = self->close_tip;
  else if (widget == GTK_WIDGET (self->days_label) || widget == GTK_WIDGET (self->stale_image))
    text = self->days_tip;
  else if (widget == GTK_WIDGET (self->refused_image))
    text = self->refused_tip;
  else if (widget == GTK_WIDGET (self->menu_button))
    text = _("Opportunity Menu");

  if (text == NULL || text[0] == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The template marks these widgets as having tooltips. */
static void
connect_tooltips (CrmOpportunityCard *self)
{
  GtkWidget *tipped[] = {
    GTK_WIDGET (self->customer_label), GTK_WIDGET (self->owner_label),
    GTK_WIDGET (self->close_label), GTK_WIDGET (self->days_label),
    GTK_WIDGET (self->stale_image), GTK_WIDGET (self->refused_image),
    GTK_WIDGET (self->menu_button),
  };

  for (guint i = 0; i < G_N_ELEMENTS (tipped); i++)
    g_signal_connect (tipped[i], "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self);
}

static void
crm_opportunity_card_dispose (GObject *object)
{
  CrmOpportunityCard *self = CRM_OPPORTUNITY_CARD (object);
  GtkWidget *child;

  crm_opportunity_card_set_opportunity (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_OPPORTUNITY_CARD);
  /* The template's unnamed boxes are children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (crm_opportunity_card_parent_class)->dispose (object);
}

static void
crm_opportunity_card_finalize (GObject *object)
{
  CrmOpportunityCard *self = CRM_OPPORTUNITY_CARD (object);

  g_clear_pointer (&self->me_email, g_free);
  g_clear_pointer (&self->me_name, g_free);
  g_clear_pointer (&self->stages, g_strfreev);
  g_clear_pointer (&self->customer_tip, g_free);
  g_clear_pointer (&self->owner_tip, g_free);
  g_clear_pointer (&self->close_tip, g_free);
  g_clear_pointer (&self->days_tip, g_free);
  g_clear_pointer (&self->refused_tip, g_free);

  G_OBJECT_CLASS (crm_opportunity_card_parent_class)->finalize (object);
}

static void
crm_opportunity_card_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CrmOpportunityCard *self = CRM_OPPORTUNITY_CARD (object);

  switch (prop_id)
    {
    case PROP_OPPORTUNITY:
      g_value_set_object (value, self->opportunity);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_opportunity_card_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CrmOpportunityCard *self = CRM_OPPORTUNITY_CARD (object);

  switch (prop_id)
    {
    case PROP_OPPORTUNITY:
      crm_opportunity_card_set_opportunity (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_opportunity_card_class_init (CrmOpportunityCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_opportunity_card_dispose;
  object_class->finalize = crm_opportunity_card_finalize;
  object_class->get_property = crm_opportunity_card_get_property;
  object_class->set_property = crm_opportunity_card_set_property;

  properties[PROP_OPPORTUNITY] =
    g_param_spec_object ("opportunity", NULL, NULL,
                         CRM_TYPE_OPPORTUNITY,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gui/crm-opportunity-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityCard, customer_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityCard, stale_image);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityCard, refused_image);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityCard, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityCard, amount_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityCard, close_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityCard, owner_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityCard, days_label);

  gtk_widget_class_set_css_name (widget_class, "opportunity-card");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
crm_opportunity_card_init (CrmOpportunityCard *self)
{
  GtkDragSource *drag_source;

  gtk_widget_init_template (GTK_WIDGET (self));
  connect_tooltips (self);

  gtk_menu_button_set_create_popup_func (self->menu_button, create_popup_cb, self, NULL);

  drag_source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag_source, GDK_ACTION_MOVE);
  g_signal_connect (drag_source, "prepare", G_CALLBACK (on_drag_prepare_cb), self);
  g_signal_connect (drag_source, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (drag_source, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag_source));
}

/**
 * crm_opportunity_card_new:
 *
 * Returns: (transfer floating): an empty card; the column fills it
 */
GtkWidget *
crm_opportunity_card_new (void)
{
  return g_object_new (CRM_TYPE_OPPORTUNITY_CARD, NULL);
}

/**
 * crm_opportunity_card_get_opportunity:
 * @self: a #CrmOpportunityCard
 *
 * Returns: (transfer none) (nullable): the opportunity shown
 */
CrmOpportunity *
crm_opportunity_card_get_opportunity (CrmOpportunityCard *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_CARD (self), NULL);

  return self->opportunity;
}

/**
 * crm_opportunity_card_get_id:
 * @self: a #CrmOpportunityCard
 *
 * Returns: the id of the opportunity shown, or 0
 */
gint64
crm_opportunity_card_get_id (CrmOpportunityCard *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_CARD (self), 0);

  return self->opportunity != NULL ? crm_record_get_id (CRM_RECORD (self->opportunity)) : 0;
}

/**
 * crm_opportunity_card_set_opportunity:
 * @self: a #CrmOpportunityCard
 * @opportunity: (nullable): the opportunity to show
 *
 * Shows an opportunity and follows its changes: the store updates the
 * object in place when the record is edited.
 */
void
crm_opportunity_card_set_opportunity (CrmOpportunityCard *self,
                                      CrmOpportunity     *opportunity)
{
  g_return_if_fail (CRM_IS_OPPORTUNITY_CARD (self));
  g_return_if_fail (opportunity == NULL || CRM_IS_OPPORTUNITY (opportunity));

  if (self->opportunity == opportunity)
    return;

  if (self->opportunity != NULL)
    g_clear_signal_handler (&self->notify_handler, self->opportunity);
  g_set_object (&self->opportunity, opportunity);

  /* The menu names the card: build it again when it next opens. */
  gtk_menu_button_set_menu_model (self->menu_button, NULL);

  if (opportunity != NULL)
    {
      self->notify_handler = g_signal_connect_object (opportunity, "notify",
                                                      G_CALLBACK (on_opportunity_notify_cb),
                                                      self, G_CONNECT_SWAPPED);
      update_labels (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPPORTUNITY]);
}

/**
 * crm_opportunity_card_set_customer_name:
 * @self: a #CrmOpportunityCard
 * @name: the customer's name
 */
void
crm_opportunity_card_set_customer_name (CrmOpportunityCard *self,
                                        const char         *name)
{
  g_return_if_fail (CRM_IS_OPPORTUNITY_CARD (self));

  gtk_label_set_label (self->customer_label, name);
  g_free (self->customer_tip);
  self->customer_tip = g_strdup (name);
}

/**
 * crm_opportunity_card_set_me:
 * @self: a #CrmOpportunityCard
 * @email: (nullable): the email of "me"
 * @name: (nullable): the name of "me"
 *
 * Lets the card name "me" as the owner.
 */
void
crm_opportunity_card_set_me (CrmOpportunityCard *self,
                             const char         *email,
                             const char         *name)
{
  g_return_if_fail (CRM_IS_OPPORTUNITY_CARD (self));

  if (g_strcmp0 (self->me_email, email) == 0 && g_strcmp0 (self->me_name, name) == 0)
    return;

  g_free (self->me_email);
  g_free (self->me_name);
  self->me_email = g_strdup (email);
  self->me_name = g_strdup (name);

  if (self->opportunity != NULL)
    update_owner (self);
}

/**
 * crm_opportunity_card_set_stale:
 * @self: a #CrmOpportunityCard
 * @stale: whether the card sat idle past its stage's limit
 * @idle_days: for how many days
 */
void
crm_opportunity_card_set_stale (CrmOpportunityCard *self,
                                gboolean            stale,
                                guint               idle_days)
{
  g_return_if_fail (CRM_IS_OPPORTUNITY_CARD (self));

  self->stale = !!stale;
  self->idle_days = idle_days;

  if (self->opportunity != NULL)
    update_days (self);
}

/**
 * crm_opportunity_card_get_stale:
 * @self: a #CrmOpportunityCard
 *
 * Returns: whether the card shows the stale mark
 */
gboolean
crm_opportunity_card_get_stale (CrmOpportunityCard *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_CARD (self), FALSE);

  return self->stale;
}

/**
 * crm_opportunity_card_set_refused:
 * @self: a #CrmOpportunityCard
 * @message: (nullable): the server's message when it refused the last
 *   change of the card's opportunity; %NULL when it did not
 *
 * Marks the card as refused, with the message as the mark's tooltip; the
 * sync's details offer Edit and Discard.
 */
void
crm_opportunity_card_set_refused (CrmOpportunityCard *self,
                                  const char         *message)
{
  g_autofree char *tip = NULL;

  g_return_if_fail (CRM_IS_OPPORTUNITY_CARD (self));

  if (message != NULL)
    /* Translators: %s is the server's message */
    tip = g_strdup_printf (_("Refused by ChartMogul: %s"),
                           *message != '\0' ? message : _("no reason given"));
  if (g_strcmp0 (tip, self->refused_tip) == 0)
    return;

  g_free (self->refused_tip);
  self->refused_tip = g_steal_pointer (&tip);
  gtk_widget_set_visible (GTK_WIDGET (self->refused_image), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "refused");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "refused");
}

/**
 * crm_opportunity_card_get_refused:
 * @self: a #CrmOpportunityCard
 *
 * Returns: (nullable): the refused mark's tooltip, or %NULL without one
 */
const char *
crm_opportunity_card_get_refused (CrmOpportunityCard *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_CARD (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->refused_image)) ? self->refused_tip : NULL;
}

/**
 * crm_opportunity_card_set_stages:
 * @self: a #CrmOpportunityCard
 * @stages: (nullable) (array zero-terminated=1): the pipeline's stages,
 *   for "Move to"
 */
void
crm_opportunity_card_set_stages (CrmOpportunityCard *self,
                                 const char * const *stages)
{
  g_return_if_fail (CRM_IS_OPPORTUNITY_CARD (self));

  if (self->stages != NULL && stages != NULL &&
      g_strv_equal ((const char * const *) self->stages, stages))
    return;

  g_strfreev (self->stages);
  self->stages = g_strdupv ((char **) stages);
}

/**
 * crm_opportunity_card_popup_menu:
 * @self: a #CrmOpportunityCard
 *
 * Opens the card's menu, as the menu key does on a focused card.
 */
void
crm_opportunity_card_popup_menu (CrmOpportunityCard *self)
{
  g_return_if_fail (CRM_IS_OPPORTUNITY_CARD (self));

  gtk_menu_button_popup (self->menu_button);
}

/**
 * crm_opportunity_card_get_menu_button:
 * @self: a #CrmOpportunityCard
 *
 * Returns: (transfer none): the button that opens the card's menu
 */
GtkMenuButton *
crm_opportunity_card_get_menu_button (CrmOpportunityCard *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_CARD (self), NULL);

  return self->menu_button;
}

/**
 * crm_opportunity_card_get_owner_text:
 * @self: a #CrmOpportunityCard
 *
 * Returns: the owner as the card names it
 */
const char *
crm_opportunity_card_get_owner_text (CrmOpportunityCard *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_CARD (self), NULL);

  return gtk_label_get_label (self->owner_label);
}

/**
 * crm_opportunity_card_get_days_text:
 * @self: a #CrmOpportunityCard
 *
 * Returns: the days in the stage, or idle, as the card shows them
 */
const char *
crm_opportunity_card_get_days_text (CrmOpportunityCard *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_CARD (self), NULL);

  return gtk_label_get_label (self->days_label);
}
