/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "rapport-chart.h"

/* A chart drawn with Cairo, the same code on screen (through the widget's
 * snapshot) and on paper (rapport_chart_draw). No chart library for GTK 4
 * is carried by Debian. Every point can be reached with the keyboard
 * (arrows, Home, End; Enter opens it) as well as the pointer; a screen
 * reader hears the title and every figure, and the page shows the same
 * figures as a table beside it. Time runs in the reading direction: in a
 * right-to-left language the oldest column is on the right. */

#define COLUMNS_HEIGHT 220.0
#define STACK_BAR_HEIGHT 32.0
#define GAP 6.0

typedef struct
{
  char    *label;
  char    *value_text;
  char    *compare_text;   /* NULL: no comparison */
  double   value;
  double   compare;
} Point;

/* Where a point was drawn, for the pointer; a stacked point has two
 * (its part of the bar and its legend row). */
typedef struct
{
  graphene_rect_t rect;
  guint           index;
} Hit;

struct _RapportChart
{
  GtkWidget         parent_instance;

  RapportChartKind  kind;
  char             *title;
  char             *compare_label;
  GArray           *points;   /* Point */
  GArray           *hits;     /* Hit, from the last snapshot */
  guint             focused;
  int               hover;    /* -1: none */
};

G_DEFINE_FINAL_TYPE (RapportChart, rapport_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  POINT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Parts of a stacked bar, first to last: GNOME's blue, yellow, orange,
 * red, purple — the later ageing buckets warmer. */
static const char * const part_colors[] = { "#3584e4", "#f5c211", "#ff7800", "#e01b24", "#9141ac" };

static void
clear_point (Point *point)
{
  g_clear_pointer (&point->label, g_free);
  g_clear_pointer (&point->value_text, g_free);
  g_clear_pointer (&point->compare_text, g_free);
}

static Point *
get_point (RapportChart *self,
           guint         index)
{
  return &g_array_index (self->points, Point, index);
}

static gboolean
has_compare (RapportChart *self)
{
  for (guint i = 0; i < self->points->len; i++)
    if (get_point (self, i)->compare_text != NULL)
      return TRUE;
  return FALSE;
}

static double
max_value (RapportChart *self)
{
  double max = 0;

  for (guint i = 0; i < self->points->len; i++)
    {
      Point *point = get_point (self, i);

      max = MAX (max, point->value);
      if (point->compare_text != NULL)
        max = MAX (max, point->compare);
    }
  return max > 0 ? max : 1;
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
set_part_source (cairo_t *cr,
                 guint    index)
{
  GdkRGBA color;

  gdk_rgba_parse (&color, part_colors[index % G_N_ELEMENTS (part_colors)]);
  set_source (cr, &color, 1);
}

static PangoLayout *
make_layout (cairo_t                 *cr,
             const RapportChartStyle *style,
             const char              *text,
             gboolean                 small)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (style->font);

  if (small)
    {
      int size = pango_font_description_get_size (font) * 0.85;

      if (pango_font_description_get_size_is_absolute (font))
        pango_font_description_set_absolute_size (font, size);
      else
        pango_font_description_set_size (font, size);
    }
  pango_context_set_base_dir (pango_layout_get_context (layout),
                              style->rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
  pango_layout_context_changed (layout);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static double
text_width (cairo_t                 *cr,
            const RapportChartStyle *style,
            const char              *text,
            gboolean                 small)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, style, text, small);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static double
line_height (cairo_t                 *cr,
             const RapportChartStyle *style)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, style, "Ag", FALSE);
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

/* A box given from the start of the reading direction, in real x. */
static double
mirror (const RapportChartStyle *style,
        double                   width,
        double                   x,
        double                   box_width)
{
  return style->rtl ? width - x - box_width : x;
}

/* @text in the box [x, x + box_width) counted from the start of the
 * reading direction, at @align (0 start, 0.5 middle, 1 end), cut with an
 * ellipsis when longer. */
static void
put_text (cairo_t                 *cr,
          const RapportChartStyle *style,
          double                   width,
          const char              *text,
          double                   x,
          double                   box_width,
          double                   y,
          double                   align,
          gboolean                 small)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, style, text, small);
  double real_x = mirror (style, width, x, box_width);
  PangoRectangle logical;

  if (box_width <= 0)
    return;
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  if (logical.width > box_width)
    {
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (layout, (int) (box_width * PANGO_SCALE));
      pango_layout_get_pixel_extents (layout, NULL, &logical);
    }
  /* Wherever Pango put the line inside its width, it goes where asked. */
  if (style->rtl)
    align = 1 - align;
  cairo_move_to (cr, real_x + (box_width - logical.width) * align - logical.x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
add_hit (GArray *hits,
         double  x,
         double  y,
         double  width,
         double  height,
         guint   index)
{
  Hit hit = { GRAPHENE_RECT_INIT (x, y, width, height), index };

  if (hits != NULL)
    g_array_append_val (hits, hit);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   width,
              double   height,
              double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The hover shade and the keyboard's focus ring around a point's box. */
static void
mark_point (cairo_t                 *cr,
            const RapportChartStyle *style,
            gboolean                 hover,
            gboolean                 focus,
            double                   x,
            double                   y,
            double                   width,
            double                   height)
{
  if (hover)
    {
      set_source (cr, &style->fg, 0.07);
      rounded_rect (cr, x, y, width, height, 6);
      cairo_fill (cr);
    }
  if (focus)
    {
      set_source (cr, &style->accent, 0.6);
      cairo_set_line_width (cr, 2);
      rounded_rect (cr, x + 1, y + 1, width - 2, height - 2, 6);
      cairo_stroke (cr);
    }
}

static void
draw_legend_swatch (cairo_t                 *cr,
                    const RapportChartStyle *style,
                    double                   width,
                    double                   x,
                    double                   y,
                    double                   size,
                    double                   alpha)
{
  set_source (cr, &style->accent, alpha);
  rounded_rect (cr, mirror (style, width, x, size), y, size, size, 2);
  cairo_fill (cr);
}

static void
draw_columns (RapportChart            *self,
              cairo_t                 *cr,
              double                   width,
              double                   height,
              const RapportChartStyle *style,
              GArray                  *hits,
              int                      hover,
              int                      focus)
{
  guint n = self->points->len;
  gboolean compare = has_compare (self);
  double line = line_height (cr, style);
  double max = max_value (self);
  double top = line + GAP;
  double bottom = height - line - GAP;
  double slot = width / MAX (n, 1);
  double label_width = 0;
  guint step = 1;
  const char *max_text = NULL;

  if (compare)
    {
      /* The legend: this period, and what it is compared with. */
      double x = 0;
      const char *names[] = { _("This period"), self->compare_label != NULL ? self->compare_label : _("Compared") };

      for (guint i = 0; i < 2; i++)
        {
          double name_width = text_width (cr, style, names[i], TRUE);

          draw_legend_swatch (cr, style, width, x, line * 0.2, line * 0.6, i == 0 ? 1 : 0.35);
          set_source (cr, &style->fg, 0.8);
          put_text (cr, style, width, names[i], x + line, name_width + 1, 0, 0, TRUE);
          x += line + name_width + 3 * GAP;
        }
      top += line + GAP;
    }

  /* Gridlines, the top one labelled with the largest figure. */
  for (guint i = 0; i < n; i++)
    {
      Point *point = get_point (self, i);

      if (point->value >= max)
        max_text = point->value_text;
      else if (point->compare_text != NULL && point->compare >= max)
        max_text = point->compare_text;
      label_width = MAX (label_width, text_width (cr, style, point->label, TRUE));
    }
  set_source (cr, &style->fg, 0.15);
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < 3; i++)
    {
      double y = round (top + (bottom - top) * i / 2) + 0.5;

      cairo_move_to (cr, 0, y);
      cairo_line_to (cr, width, y);
    }
  cairo_stroke (cr);
  if (max_text != NULL)
    {
      set_source (cr, &style->fg, 0.6);
      put_text (cr, style, width, max_text, 0, width, top - line - 2, 0, TRUE);
    }

  /* Labels far enough apart that the first and last, kept inside the
   * chart, do not run into their neighbours. */
  step = (guint) ceil ((label_width * 1.5 + GAP) / MAX (slot, 1));
  step = MAX (step, 1);

  for (guint i = 0; i < n; i++)
    {
      Point *point = get_point (self, i);
      double slot_x = mirror (style, width, i * slot, slot);
      double bar_width = slot * 0.7 / (compare ? 2 : 1);
      double start = slot * 0.15;
      double value = MAX (point->value, 0);

      mark_point (cr, style, (int) i == hover, (int) i == focus, slot_x, top - 2, slot, height - top + 2);
      add_hit (hits, slot_x, 0, slot, height, i);

      set_source (cr, &style->accent, 1);
      rounded_rect (cr, mirror (style, width, i * slot + start, bar_width), bottom - (bottom - top) * value / max,
                    bar_width, MAX ((bottom - top) * value / max, 1), 3);
      cairo_fill (cr);
      if (point->compare_text != NULL)
        {
          double compare_value = MAX (point->compare, 0);

          set_source (cr, &style->accent, 0.35);
          rounded_rect (cr, mirror (style, width, i * slot + start + bar_width, bar_width),
                        bottom - (bottom - top) * compare_value / max,
                        bar_width, MAX ((bottom - top) * compare_value / max, 1), 3);
          cairo_fill (cr);
        }

      if (i % step == 0)
        {
          /* Centred under its column, kept inside the chart. */
          double box = slot * step;
          double box_x = CLAMP (i * slot + slot / 2 - box / 2, 0, MAX (width - box, 0));

          set_source (cr, &style->fg, 0.7);
          put_text (cr, style, width, point->label, box_x, box, bottom + GAP / 2,
                    CLAMP ((i * slot + slot / 2 - box_x) / box, 0, 1), TRUE);
        }
    }
}

static double
bars_row_height (RapportChart *self,
                 double        line)
{
  return line + 14 + (has_compare (self) ? 6 : 0);
}

static void
draw_bars (RapportChart            *self,
           cairo_t                 *cr,
           double                   width,
           const RapportChartStyle *style,
           GArray                  *hits,
           int                      hover,
           int                      focus)
{
  double line = line_height (cr, style);
  double row = bars_row_height (self, line);
  double max = max_value (self);
  double label_width = 0;
  double value_width = 0;
  double bar_space;

  for (guint i = 0; i < self->points->len; i++)
    {
      Point *point = get_point (self, i);

      label_width = MAX (label_width, text_width (cr, style, point->label, FALSE));
      value_width = MAX (value_width, text_width (cr, style, point->value_text, FALSE));
    }
  label_width = MIN (label_width, width * 0.35) + 2 * GAP;
  value_width = MIN (value_width, width * 0.3) + 2 * GAP;
  bar_space = MAX (width - label_width - value_width, 1);

  for (guint i = 0; i < self->points->len; i++)
    {
      Point *point = get_point (self, i);
      double y = i * row;
      double length = bar_space * MAX (point->value, 0) / max;

      mark_point (cr, style, (int) i == hover, (int) i == focus, 0, y, width, row);
      add_hit (hits, 0, y, width, row, i);

      set_source (cr, &style->fg, 0.9);
      put_text (cr, style, width, point->label, GAP, label_width - 2 * GAP, y + 7, 0, FALSE);
      set_source (cr, &style->accent, 1);
      rounded_rect (cr, mirror (style, width, label_width, MAX (length, 1)), y + 7, MAX (length, 1), line, 3);
      cairo_fill (cr);
      if (point->compare_text != NULL)
        {
          double compare = bar_space * MAX (point->compare, 0) / max;

          set_source (cr, &style->accent, 0.35);
          rounded_rect (cr, mirror (style, width, label_width, MAX (compare, 1)), y + 9 + line, MAX (compare, 1), 4, 2);
          cairo_fill (cr);
        }
      set_source (cr, &style->fg, 0.8);
      put_text (cr, style, width, point->value_text, label_width + length + GAP, value_width - GAP, y + 7, 0, FALSE);
    }
}

static void
draw_funnel (RapportChart            *self,
             cairo_t                 *cr,
             double                   width,
             const RapportChartStyle *style,
             GArray                  *hits,
             int                      hover,
             int                      focus)
{
  double line = line_height (cr, style);
  double row = 2 * line + 16;
  double max = max_value (self);

  for (guint i = 0; i < self->points->len; i++)
    {
      Point *point = get_point (self, i);
      double y = i * row;
      double length = MAX (width * MAX (point->value, 0) / max, 4);

      mark_point (cr, style, (int) i == hover, (int) i == focus, 0, y, width, row);
      add_hit (hits, 0, y, width, row, i);

      set_source (cr, &style->accent, 0.3);
      rounded_rect (cr, (width - length) / 2, y + 4, length, row - 8, 6);
      cairo_fill (cr);
      set_source (cr, &style->fg, 1);
      put_text (cr, style, width, point->label, GAP, width - 2 * GAP, y + 7, 0.5, FALSE);
      set_source (cr, &style->fg, 0.75);
      put_text (cr, style, width, point->value_text, GAP, width - 2 * GAP, y + 9 + line, 0.5, TRUE);
    }
}

static void
draw_stacked (RapportChart            *self,
              cairo_t                 *cr,
              double                   width,
              const RapportChartStyle *style,
              GArray                  *hits,
              int                      hover,
              int                      focus)
{
  double line = line_height (cr, style);
  double row = line + 10;
  double total = 0;
  double x = 0;

  for (guint i = 0; i < self->points->len; i++)
    total += MAX (get_point (self, i)->value, 0);

  /* The bar, each part as wide as its share; an empty total draws an
   * empty track. */
  set_source (cr, &style->fg, 0.1);
  rounded_rect (cr, 0, 2, width, STACK_BAR_HEIGHT, 6);
  cairo_fill (cr);
  for (guint i = 0; i < self->points->len && total > 0; i++)
    {
      double length = width * MAX (get_point (self, i)->value, 0) / total;
      double real_x = mirror (style, width, x, length);

      if (length <= 0)
        continue;
      set_part_source (cr, i);
      cairo_rectangle (cr, real_x, 2, length, STACK_BAR_HEIGHT);
      cairo_fill (cr);
      mark_point (cr, style, (int) i == hover, (int) i == focus, real_x, 0, length, STACK_BAR_HEIGHT + 4);
      add_hit (hits, real_x, 0, length, STACK_BAR_HEIGHT + 4, i);
      x += length;
    }

  /* The legend: a row a part, with its figure at the end. */
  for (guint i = 0; i < self->points->len; i++)
    {
      Point *point = get_point (self, i);
      double y = STACK_BAR_HEIGHT + 2 * GAP + i * row;
      double value_width = MIN (text_width (cr, style, point->value_text, FALSE), width * 0.5);

      mark_point (cr, style, (int) i == hover, (int) i == focus, 0, y, width, row);
      add_hit (hits, 0, y, width, row, i);
      set_part_source (cr, i);
      rounded_rect (cr, mirror (style, width, GAP, line * 0.7), y + 5 + line * 0.15, line * 0.7, line * 0.7, 2);
      cairo_fill (cr);
      set_source (cr, &style->fg, 0.9);
      put_text (cr, style, width, point->label, 2 * GAP + line, width - value_width - 4 * GAP - line, y + 5, 0, FALSE);
      put_text (cr, style, width, point->value_text, width - value_width - GAP, value_width, y + 5, 1, FALSE);
    }
}

static void
draw_chart (RapportChart            *self,
            cairo_t                 *cr,
            double                   width,
            double                   height,
            const RapportChartStyle *style,
            GArray                  *hits,
            int                      hover,
            int                      focus)
{
  switch (self->kind)
    {
    case RAPPORT_CHART_COLUMNS:
      draw_columns (self, cr, width, height, style, hits, hover, focus);
      break;
    case RAPPORT_CHART_BARS:
      draw_bars (self, cr, width, style, hits, hover, focus);
      break;
    case RAPPORT_CHART_FUNNEL:
      draw_funnel (self, cr, width, style, hits, hover, focus);
      break;
    case RAPPORT_CHART_STACKED:
      draw_stacked (self, cr, width, style, hits, hover, focus);
      break;
    default:
      g_assert_not_reached ();
    }
}

static double
measure_with (RapportChart            *self,
              cairo_t                 *cr,
              const RapportChartStyle *style)
{
  double line = line_height (cr, style);
  guint n = self->points->len;

  switch (self->kind)
    {
    case RAPPORT_CHART_COLUMNS:
      return COLUMNS_HEIGHT;
    case RAPPORT_CHART_BARS:
      return n * bars_row_height (self, line);
    case RAPPORT_CHART_FUNNEL:
      return n * (2 * line + 16);
    case RAPPORT_CHART_STACKED:
      return STACK_BAR_HEIGHT + 2 * GAP + n * (line + 10);
    default:
      g_assert_not_reached ();
    }
}

static void
get_style (RapportChart      *self,
           RapportChartStyle *style)
{
  GtkWidget *widget = GTK_WIDGET (self);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  gtk_style_context_get_color (context, &style->fg);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &style->accent))
    gdk_rgba_parse (&style->accent, part_colors[0]);
  G_GNUC_END_IGNORE_DEPRECATIONS
  style->rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  style->font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
}

/* A Cairo context to measure text with, outside a snapshot. */
static cairo_t *
make_measuring_context (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  return cr;
}

static void
rapport_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  RapportChart *self = RAPPORT_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  RapportChartStyle style;
  cairo_t *cr;

  g_array_set_size (self->hits, 0);
  if (self->points->len == 0 || width <= 0 || height <= 0)
    return;
  get_style (self, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_chart (self, cr, width, height, &style, self->hits, self->hover,
              gtk_widget_has_visible_focus (widget) ? (int) self->focused : -1);
  cairo_destroy (cr);
}

static GtkSizeRequestMode
rapport_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
rapport_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  RapportChart *self = RAPPORT_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 480;
    }
  else
    {
      RapportChartStyle style;
      cairo_t *cr = make_measuring_context ();

      get_style (self, &style);
      *minimum = *natural = (int) ceil (measure_with (self, cr, &style));
      cairo_destroy (cr);
    }
}

static int
hit_test (RapportChart *self,
          double        x,
          double        y)
{
  for (guint i = 0; i < self->hits->len; i++)
    {
      Hit *hit = &g_array_index (self->hits, Hit, i);

      if (graphene_rect_contains_point (&hit->rect, &GRAPHENE_POINT_INIT (x, y)))
        return hit->index;
    }
  return -1;
}

static char *
dup_point_text (RapportChart *self,
                guint         index)
{
  Point *point = get_point (self, index);

  if (point->compare_text != NULL)
    /* TRANSLATORS: a chart's point: its label, its figure, then what it is
     * compared with (“Last year”) and that figure */
    return g_strdup_printf (_("%s: %s (%s: %s)"), point->label, point->value_text,
                            self->compare_label != NULL ? self->compare_label : _("Compared"),
                            point->compare_text);
  /* TRANSLATORS: a chart's point: its label and its figure */
  return g_strdup_printf (_("%s: %s"), point->label, point->value_text);
}

/* What a screen reader says: the title and the point with the keyboard's
 * focus; the description reads out every figure. */
static void
update_accessible (RapportChart *self)
{
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *label = NULL;

  for (guint i = 0; i < self->points->len; i++)
    {
      g_autofree char *text = dup_point_text (self, i);

      if (description->len > 0)
        g_string_append (description, "; ");
      g_string_append (description, text);
    }
  if (self->points->len > 0)
    {
      g_autofree char *focused = dup_point_text (self, self->focused);

      /* TRANSLATORS: a chart's title, then the point the keyboard is on */
      label = g_strdup_printf (_("%s, %s"), self->title != NULL ? self->title : "", focused);
    }
  else
    label = g_strdup (self->title != NULL ? self->title : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

static void
set_focused (RapportChart *self,
             guint         index)
{
  if (self->points->len == 0)
    return;
  index = MIN (index, self->points->len - 1);
  if (index == self->focused)
    return;
  self->focused = index;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_click_released (RapportChart    *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  int index = hit_test (self, x, y);

  if (index < 0)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  set_focused (self, index);
  rapport_chart_activate (self, index);
}

static void
on_motion (RapportChart             *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  int index = hit_test (self, x, y);

  if (index == self->hover)
    return;
  self->hover = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_leave (RapportChart *self)
{
  self->hover = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_query_tooltip (RapportChart *self,
                  int           x,
                  int           y,
                  gboolean      keyboard,
                  GtkTooltip   *tooltip)
{
  int index = keyboard ? (int) self->focused : hit_test (self, x, y);
  g_autofree char *text = NULL;

  if (index < 0 || (guint) index >= self->points->len)
    return FALSE;
  text = dup_point_text (self, index);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Arrows follow what is on screen: Right goes to the point drawn to the
 * right, whichever way time runs. */
static gboolean
on_key_pressed (RapportChart          *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  guint n = self->points->len;
  int step = 0;

  if (n == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      step = rtl ? 1 : -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      step = rtl ? -1 : 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (self->kind == RAPPORT_CHART_COLUMNS)
        return FALSE;
      step = -1;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (self->kind == RAPPORT_CHART_COLUMNS)
        return FALSE;
      step = 1;
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      set_focused (self, 0);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      set_focused (self, n - 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      rapport_chart_activate (self, self->focused);
      return TRUE;
    default:
      return FALSE;
    }

  if ((step < 0 && self->focused == 0) || (step > 0 && self->focused + 1 >= n))
    return TRUE;
  set_focused (self, self->focused + step);
  return TRUE;
}

static void
rapport_chart_finalize (GObject *object)
{
  RapportChart *self = (RapportChart *) object;

  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->hits, g_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->compare_label, g_free);

  G_OBJECT_CLASS (rapport_chart_parent_class)->finalize (object);
}

static void
rapport_chart_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RapportChart *self = RAPPORT_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND: g_value_set_int (value, self->kind); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_chart_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RapportChart *self = RAPPORT_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND: self->kind = g_value_get_int (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_chart_class_init (RapportChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rapport_chart_finalize;
  object_class->get_property = rapport_chart_get_property;
  object_class->set_property = rapport_chart_set_property;
  widget_class->snapshot = rapport_chart_snapshot;
  widget_class->measure = rapport_chart_measure;
  widget_class->get_request_mode = rapport_chart_get_request_mode;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, RAPPORT_CHART_COLUMNS, RAPPORT_CHART_STACKED, RAPPORT_CHART_COLUMNS,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportChart::point-activated:
   * @index: the point clicked, or chosen with Enter
   */
  signals[POINT_ACTIVATED] =
    g_signal_new ("point-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "rapport-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rapport_chart_init (RapportChart *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();

  self->points = g_array_new (FALSE, TRUE, sizeof (Point));
  g_array_set_clear_func (self->points, (GDestroyNotify) clear_point);
  self->hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  self->hover = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
  g_signal_connect_swapped (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect_swapped (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  g_signal_connect_swapped (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
}

GtkWidget *
rapport_chart_new (RapportChartKind kind)
{
  return g_object_new (RAPPORT_TYPE_CHART, "kind", kind, NULL);
}

void
rapport_chart_set_title (RapportChart *self,
                         const char   *title)
{
  g_return_if_fail (RAPPORT_IS_CHART (self));

  g_free (self->title);
  self->title = g_strdup (title);
  update_accessible (self);
}

/* What the comparison is, for the legend and the tooltip: “Last year”. */
void
rapport_chart_set_compare_label (RapportChart *self,
                                 const char   *label)
{
  g_return_if_fail (RAPPORT_IS_CHART (self));

  g_free (self->compare_label);
  self->compare_label = g_strdup (label);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
rapport_chart_clear (RapportChart *self)
{
  g_return_if_fail (RAPPORT_IS_CHART (self));

  g_array_set_size (self->points, 0);
  g_array_set_size (self->hits, 0);
  self->focused = 0;
  self->hover = -1;
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * rapport_chart_add:
 * @label: the point's name (a month, a product, a bucket)
 * @value: its size; below zero draws as zero
 * @value_text: the figure as the reader writes it
 * @compare: the comparison's size
 * @compare_text: (nullable): the comparison's figure; %NULL for none
 */
void
rapport_chart_add (RapportChart *self,
                   const char   *label,
                   double        value,
                   const char   *value_text,
                   double        compare,
                   const char   *compare_text)
{
  Point point = {
    g_strdup (label), g_strdup (value_text), g_strdup (compare_text),
    isfinite (value) ? value : 0, isfinite (compare) ? compare : 0,
  };

  g_return_if_fail (RAPPORT_IS_CHART (self));

  g_array_append_val (self->points, point);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
rapport_chart_get_n_points (RapportChart *self)
{
  g_return_val_if_fail (RAPPORT_IS_CHART (self), 0);
  return self->points->len;
}

const char *
rapport_chart_get_label (RapportChart *self,
                         guint         index)
{
  g_return_val_if_fail (RAPPORT_IS_CHART (self), NULL);
  g_return_val_if_fail (index < self->points->len, NULL);
  return get_point (self, index)->label;
}

guint
rapport_chart_get_focused (RapportChart *self)
{
  g_return_val_if_fail (RAPPORT_IS_CHART (self), 0);
  return self->focused;
}

/* Opens what is behind a point: what a click or Enter does. */
void
rapport_chart_activate (RapportChart *self,
                        guint         index)
{
  g_return_if_fail (RAPPORT_IS_CHART (self));

  if (index < self->points->len)
    g_signal_emit (self, signals[POINT_ACTIVATED], 0, index);
}

/* The height the chart takes at @width on paper. */
double
rapport_chart_measure_height (RapportChart            *self,
                              double                   width,
                              const RapportChartStyle *style)
{
  cairo_t *cr;
  double height;

  g_return_val_if_fail (RAPPORT_IS_CHART (self), 0);

  cr = make_measuring_context ();
  height = measure_with (self, cr, style);
  cairo_destroy (cr);
  return height;
}

/* Draws the chart on paper: no hover, no focus ring. */
void
rapport_chart_draw (RapportChart            *self,
                    cairo_t                 *cr,
                    double                   width,
                    double                   height,
                    const RapportChartStyle *style)
{
  g_return_if_fail (RAPPORT_IS_CHART (self));

  if (self->points->len > 0)
    draw_chart (self, cr, width, height, style, NULL, -1, -1);
}
