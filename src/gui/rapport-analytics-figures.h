/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-analytics.h"
#include "rapport-analytics-section.h"

G_BEGIN_DECLS

/* The parts of the Analytics page, top to bottom. */
typedef enum
{
  RAPPORT_PART_SALES,
  RAPPORT_PART_BREAKDOWN,
  RAPPORT_PART_FUNNEL,
  RAPPORT_PART_LOST,
  RAPPORT_PART_OWED,
  RAPPORT_PART_RFM,
  RAPPORT_PART_AT_RISK,
  RAPPORT_PART_STAFF,
  RAPPORT_N_PARTS,
} RapportAnalyticsPart;

RapportAnalyticsSection *_rapport_analytics_new_section (RapportAnalyticsPart           part);
void  _rapport_analytics_fill        (RapportAnalyticsSection       *section,
                                      RapportAnalyticsPart           part,
                                      const RapportAnalyticsReport  *report,
                                      const RapportSales            *compare,
                                      const char                    *compare_label,
                                      RapportAnalyticsDimension      dimension);
char *_rapport_analytics_point_label (const char                    *start_day,
                                      RapportAnalyticsBucket         bucket);
char *_rapport_analytics_owed_label  (const RapportAgeingBucket     *bucket);
char *_rapport_analytics_period_text (const char                    *from_day,
                                      const char                    *to_day);

G_END_DECLS
