/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rapport-chart.h"
#include "rapport-table-row.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_ANALYTICS_SECTION (rapport_analytics_section_get_type ())

G_DECLARE_FINAL_TYPE (RapportAnalyticsSection, rapport_analytics_section, RAPPORT, ANALYTICS_SECTION, GtkBox)

RapportAnalyticsSection *rapport_analytics_section_new          (const char              *title,
                                                                 const char              *file_name,
                                                                 RapportChartKind         kind,
                                                                 gboolean                 with_chart);
const char   *rapport_analytics_section_get_title               (RapportAnalyticsSection *self);
RapportChart *rapport_analytics_section_get_chart               (RapportAnalyticsSection *self);
void          rapport_analytics_section_set_columns             (RapportAnalyticsSection *self,
                                                                 const char * const      *titles,
                                                                 guint                    n_columns);
void          rapport_analytics_section_set_drillable           (RapportAnalyticsSection *self,
                                                                 gboolean                 drillable);
void          rapport_analytics_section_add_header_widget       (RapportAnalyticsSection *self,
                                                                 GtkWidget               *widget);
void          rapport_analytics_section_add_footer_widget       (RapportAnalyticsSection *self,
                                                                 GtkWidget               *widget);
void          rapport_analytics_section_set_loading             (RapportAnalyticsSection *self);
void          rapport_analytics_section_set_message             (RapportAnalyticsSection *self,
                                                                 const char              *message);
void          rapport_analytics_section_clear                   (RapportAnalyticsSection *self);
void          rapport_analytics_section_add_row                 (RapportAnalyticsSection *self,
                                                                 const char * const      *cells,
                                                                 const char * const      *csv_cells);
void          rapport_analytics_section_show_figures            (RapportAnalyticsSection *self,
                                                                 const char              *summary,
                                                                 const char              *empty_message);
gboolean      rapport_analytics_section_get_loading             (RapportAnalyticsSection *self);
guint         rapport_analytics_section_get_n_columns           (RapportAnalyticsSection *self);
const char   *rapport_analytics_section_get_column_title        (RapportAnalyticsSection *self,
                                                                 guint                    column);
const char   *rapport_analytics_section_get_summary             (RapportAnalyticsSection *self);
GListModel   *rapport_analytics_section_get_rows                (RapportAnalyticsSection *self);
gboolean      rapport_analytics_section_write_csv               (RapportAnalyticsSection *self,
                                                                 const char              *path,
                                                                 GError                 **error);

G_END_DECLS
