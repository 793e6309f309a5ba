/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-analytics-section.h"
#include "rapport-context.h"

G_BEGIN_DECLS

/* The periods the page offers, in the order of its menu. */
typedef enum
{
  RAPPORT_PERIOD_THIS_MONTH,
  RAPPORT_PERIOD_LAST_MONTH,
  RAPPORT_PERIOD_THIS_QUARTER,
  RAPPORT_PERIOD_THIS_YEAR,
  RAPPORT_PERIOD_CUSTOM,
} RapportPeriod;

#define RAPPORT_TYPE_ANALYTICS_PAGE (rapport_analytics_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportAnalyticsPage, rapport_analytics_page, RAPPORT, ANALYTICS_PAGE, AdwBin)

RapportAnalyticsPage    *rapport_analytics_page_new         (RapportContext       *context);
void                     rapport_analytics_page_set_period  (RapportAnalyticsPage *self,
                                                             RapportPeriod         period,
                                                             const char           *from_day,
                                                             const char           *to_day);
void                     rapport_analytics_page_reload      (RapportAnalyticsPage *self);
gboolean                 rapport_analytics_page_get_loading (RapportAnalyticsPage *self);
RapportAnalyticsSection *rapport_analytics_page_get_section (RapportAnalyticsPage *self,
                                                             guint                 part);
guint                    rapport_analytics_page_get_n_sections (RapportAnalyticsPage *self);
const char              *rapport_analytics_page_get_period_text (RapportAnalyticsPage *self);
gboolean                 rapport_analytics_page_export_pdf  (RapportAnalyticsPage *self,
                                                             const char           *path,
                                                             GError              **error);

G_END_DECLS
