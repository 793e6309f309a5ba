/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the analytics files share: days and buckets, and the report's
 * parts being filled in. */

#include "rapport-analytics.h"
#include "rapport-sqlite-private.h"

G_BEGIN_DECLS

/* A century; and ten years when cut into days. */
#define RAPPORT_ANALYTICS_MAX_DAYS 36525
#define RAPPORT_ANALYTICS_MAX_DAY_POINTS 3660

gboolean                _rapport_analytics_parse_day     (const char                  *text,
                                                          GDate                       *date);
char                   *_rapport_analytics_format_day    (const GDate                 *date);
void                    _rapport_analytics_bucket_start  (RapportAnalyticsBucket       bucket,
                                                          GDate                       *date);
void                    _rapport_analytics_bucket_next   (RapportAnalyticsBucket       bucket,
                                                          GDate                       *date);
GPtrArray              *_rapport_analytics_bucket_days   (const RapportAnalyticsQuery *query);
gint64                  _rapport_analytics_median        (GArray                      *values);

RapportSales           *_rapport_sales_new               (void);
void                    _rapport_sales_free              (RapportSales                *sales);
GPtrArray              *_rapport_breakdown_rows_new      (void);
void                    _rapport_breakdown_row_free      (gpointer                     row);
RapportFunnel          *_rapport_funnel_new              (void);
void                    _rapport_funnel_free             (RapportFunnel               *funnel);
GPtrArray              *_rapport_ageing_buckets_new      (void);
GPtrArray              *_rapport_at_risk_clients_new     (void);
GPtrArray              *_rapport_staff_rows_new          (void);
gboolean                _rapport_analytics_fill_summaries (RapportSqlite            *db,
                                                          GError                  **error);
RapportAnalyticsReport *_rapport_analytics_report_new    (const RapportAnalyticsQuery *query,
                                                          RapportAnalyticsParts        parts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportFunnel, _rapport_funnel_free)

G_END_DECLS
