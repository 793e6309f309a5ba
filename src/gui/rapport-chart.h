/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * RapportChartKind:
 * @RAPPORT_CHART_COLUMNS: columns over time, oldest at the start of the
 *   reading direction, with an optional comparison column beside each
 * @RAPPORT_CHART_BARS: one horizontal bar a row (by product, staff, region)
 * @RAPPORT_CHART_FUNNEL: centred bars narrowing step by step
 * @RAPPORT_CHART_STACKED: one bar split into parts (ageing buckets), with
 *   a legend below
 */
typedef enum
{
  RAPPORT_CHART_COLUMNS,
  RAPPORT_CHART_BARS,
  RAPPORT_CHART_FUNNEL,
  RAPPORT_CHART_STACKED,
} RapportChartKind;

/* What a chart is drawn in: the widget's colours on screen, black on white
 * on paper. */
typedef struct
{
  GdkRGBA  fg;
  GdkRGBA  accent;
  gboolean rtl;
  const PangoFontDescription *font;
} RapportChartStyle;

#define RAPPORT_TYPE_CHART (rapport_chart_get_type ())

G_DECLARE_FINAL_TYPE (RapportChart, rapport_chart, RAPPORT, CHART, GtkWidget)

GtkWidget *rapport_chart_new               (RapportChartKind  kind);
void       rapport_chart_set_title         (RapportChart     *self,
                                            const char       *title);
void       rapport_chart_set_compare_label (RapportChart     *self,
                                            const char       *label);
void       rapport_chart_clear             (RapportChart     *self);
void       rapport_chart_add               (RapportChart     *self,
                                            const char       *label,
                                            double            value,
                                            const char       *value_text,
                                            double            compare,
                                            const char       *compare_text);
guint      rapport_chart_get_n_points      (RapportChart     *self);
const char *rapport_chart_get_label        (RapportChart     *self,
                                            guint             index);
guint      rapport_chart_get_focused       (RapportChart     *self);
void       rapport_chart_activate          (RapportChart     *self,
                                            guint             index);
double     rapport_chart_measure_height    (RapportChart            *self,
                                            double                   width,
                                            const RapportChartStyle *style);
void       rapport_chart_draw              (RapportChart            *self,
                                            cairo_t                 *cr,
                                            double                   width,
                                            double                   height,
                                            const RapportChartStyle *style);

G_END_DECLS
