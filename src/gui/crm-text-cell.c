/* crm-text-cell.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-text-cell"

#include "config.h"

#include <math.h>

#include "crm-text-cell.h"

/* One line of text in a cell of a large list, ellipsized at the end.
 *
 * GTK 4.8's list views keep about 200 rows alive whatever their height,
 * so a customer list makes a thousand cells before its first frame. A
 * GtkInscription (or a GtkLabel) makes a PangoContext of its own for each,
 * and asks Pango for its font's metrics on every measure, which together
 * cost a fifth of the window's start. These cells share the PangoContext
 * of the list they are in, and the metrics are worked out once for each
 * state of that context. The text takes the list's font: CSS that gives
 * the cells a font of their own is not followed (colours are). */

#define MIN_CHARS 3
#define METRICS_KEY "crm-text-cell-metrics"

typedef struct
{
  guint serial;             /* of the context they were taken from */
  int   char_width;         /* Pango units, the wider of a char and a digit */
  int   ascent;
  int   descent;
} Metrics;

struct _CrmTextCell
{
  GtkWidget parent_instance;

  /* Owned */
  PangoLayout *layout;
  char *text;

  /* State */
  guint nat_chars;
};

G_DEFINE_FINAL_TYPE (CrmTextCell, crm_text_cell, GTK_TYPE_WIDGET)

/* The metrics hang off the shared context, so every cell of a list finds
 * the same ones. */
static const Metrics *
get_metrics (CrmTextCell *self)
{
  PangoContext *context = pango_layout_get_context (self->layout);
  Metrics *metrics = g_object_get_data (G_OBJECT (context), METRICS_KEY);
  PangoFontMetrics *font_metrics;

  if (metrics != NULL && metrics->serial == pango_context_get_serial (context))
    return metrics;

  if (metrics == NULL)
    {
      metrics = g_new0 (Metrics, 1);
      g_object_set_data_full (G_OBJECT (context), METRICS_KEY, metrics, g_free);
    }

  font_metrics = pango_context_get_metrics (context, NULL, NULL);
  metrics->serial = pango_context_get_serial (context);
  metrics->char_width = MAX (pango_font_metrics_get_approximate_char_width (font_metrics),
                             pango_font_metrics_get_approximate_digit_width (font_metrics));
  metrics->ascent = pango_font_metrics_get_ascent (font_metrics);
  metrics->descent = pango_font_metrics_get_descent (font_metrics);
  pango_font_metrics_unref (font_metrics);

  return metrics;
}

static void
crm_text_cell_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  CrmTextCell *self = CRM_TEXT_CELL (widget);
  const Metrics *metrics = get_metrics (self);

  /* By the font alone, never by the text: binding a row costs no
   * measuring. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = PANGO_PIXELS_CEIL (MIN_CHARS * metrics->char_width);
      *natural = PANGO_PIXELS_CEIL (MAX (MIN_CHARS, self->nat_chars) * metrics->char_width);
      return;
    }

  *minimum = *natural = PANGO_PIXELS_CEIL (metrics->ascent + metrics->descent);
  *minimum_baseline = *natural_baseline = PANGO_PIXELS_CEIL (metrics->ascent);
}

static void
crm_text_cell_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  CrmTextCell *self = CRM_TEXT_CELL (widget);

  pango_layout_set_width (self->layout, width * PANGO_SCALE);
}

static void
crm_text_cell_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  CrmTextCell *self = CRM_TEXT_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int baseline = gtk_widget_get_allocated_baseline (widget);
  PangoRectangle logical;
  float y;

  if (self->text == NULL || self->text[0] == '\0')
    return;

  pango_layout_get_pixel_extents (self->layout, NULL, &logical);
  if (baseline != -1)
    y = baseline - pango_layout_get_baseline (self->layout) / PANGO_SCALE;
  else
    y = MAX (0.0f, floorf ((height - logical.height) / 2.0f));

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_render_layout (snapshot, gtk_widget_get_style_context (widget),
                              0, y, self->layout);
  gtk_snapshot_pop (snapshot);
}

static void
update_alignment (CrmTextCell *self)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  pango_layout_set_alignment (self->layout, rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
}

static void
crm_text_cell_direction_changed (GtkWidget        *widget,
                                 GtkTextDirection  previous_direction)
{
  GTK_WIDGET_CLASS (crm_text_cell_parent_class)->direction_changed (widget,
                                                                    previous_direction);

  update_alignment (CRM_TEXT_CELL (widget));
  gtk_widget_queue_draw (widget);
}

static void
crm_text_cell_finalize (GObject *object)
{
  CrmTextCell *self = (CrmTextCell *) object;

  g_clear_object (&self->layout);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (crm_text_cell_parent_class)->finalize (object);
}

static void
crm_text_cell_class_init (CrmTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = crm_text_cell_finalize;

  widget_class->measure = crm_text_cell_measure;
  widget_class->size_allocate = crm_text_cell_size_allocate;
  widget_class->snapshot = crm_text_cell_snapshot;
  widget_class->direction_changed = crm_text_cell_direction_changed;

  /* Styled as the labels it stands for. */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
crm_text_cell_init (CrmTextCell *self)
{
}

/**
 * crm_text_cell_new:
 * @context: the PangoContext of the list the cell goes in
 *   (gtk_widget_get_pango_context() of its GtkColumnView), which the
 *   cell keeps
 *
 * Returns: (transfer floating): a new empty cell
 */
GtkWidget *
crm_text_cell_new (PangoContext *context)
{
  CrmTextCell *self;

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  self = g_object_new (CRM_TYPE_TEXT_CELL, NULL);
  self->layout = pango_layout_new (context);
  pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (self->layout, TRUE);
  update_alignment (self);

  return GTK_WIDGET (self);
}

const char *
crm_text_cell_get_text (CrmTextCell *self)
{
  g_return_val_if_fail (CRM_IS_TEXT_CELL (self), NULL);

  return self->text;
}

/**
 * crm_text_cell_set_text:
 * @self: a #CrmTextCell
 * @text: (nullable): the text
 *
 * Shows @text. The cell's size does not depend on it, so a new text only
 * redraws the cell.
 */
void
crm_text_cell_set_text (CrmTextCell *self,
                        const char  *text)
{
  g_return_if_fail (CRM_IS_TEXT_CELL (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  pango_layout_set_text (self->layout, text != NULL ? text : "", -1);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text != NULL ? text : "",
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * crm_text_cell_set_nat_chars:
 * @self: a #CrmTextCell
 * @nat_chars: how many characters the cell would like to show
 *
 * Sets the natural width, in average characters of the list's font.
 */
void
crm_text_cell_set_nat_chars (CrmTextCell *self,
                             guint        nat_chars)
{
  g_return_if_fail (CRM_IS_TEXT_CELL (self));

  if (self->nat_chars == nat_chars)
    return;

  self->nat_chars = nat_chars;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * crm_text_cell_set_numeric:
 * @self: a #CrmTextCell
 * @numeric: whether the text is figures
 *
 * Figures get tabular digits, so that they line up from row to row (what
 * the "numeric" style class does for a label).
 */
void
crm_text_cell_set_numeric (CrmTextCell *self,
                           gboolean     numeric)
{
  g_autoptr(PangoAttrList) attributes = NULL;

  g_return_if_fail (CRM_IS_TEXT_CELL (self));

  if (numeric)
    {
      attributes = pango_attr_list_new ();
      pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum"));
    }

  pango_layout_set_attributes (self->layout, attributes);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
