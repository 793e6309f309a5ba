/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the analytics files share: days and buckets, and the report's
 * parts being filled in. */

#include "rapport-analytics.h"
#include "rapport-reminder-source.h"
#include "rapport-sqlite-private.h"

G_BEGIN_DECLS

/* The statuses of the orders that are sales (README, “Analytics”). */
#define RAPPORT_ANALYTICS_COUNTED "('confirmed', 'fulfilled', 'closed')"

/* Whether the regular client of the stored scores “s” (with their sales
 * “cs”, LEFT JOINed) is slipping away as of the day TODAY (an SQL
 * expression): not back for twice the usual interval. The at-risk list,
 * the segment rule and the reminders use this one definition. */
#define RAPPORT_ANALYTICS_LAST_DAY "max(s.last_day, coalesce(cs.last_day, ''))"
#define RAPPORT_ANALYTICS_SLIPPING_AWAY(TODAY) \
  "(s.usual_interval IS NOT NULL AND julianday(" TODAY ") - julianday(" RAPPORT_ANALYTICS_LAST_DAY ")" \
  " >= 2 * s.usual_interval)"

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
gboolean                _rapport_analytics_fill_line_days (RapportSqlite            *db,
                                                           GError                  **error);
gboolean                _rapport_analytics_collect_win_backs (RapportDatabase            *database,
                                                              const char                 *source,
                                                              const RapportReminderRange *range,
                                                              GPtrArray                  *into,
                                                              GError                    **error);
gboolean                _rapport_analytics_count_win_backs   (RapportDatabase            *database,
                                                              const char                 *from_day,
                                                              const char                 *to_day,
                                                              guint                      *n,
                                                              GError                    **error);
RapportReminder        *_rapport_analytics_get_win_back      (RapportDatabase            *database,
                                                              const char                 *source,
                                                              gint64                      client_id,
                                                              GError                    **error);
gboolean                _rapport_analytics_set_win_back_done (RapportDatabase            *database,
                                                              gint64                      client_id,
                                                              gboolean                    done,
                                                              GError                    **error);
RapportDatabase        *_rapport_analytics_get_database (RapportAnalytics          *self);

/* Sales with no filter (rapport-analytics-sales.c). */
RapportSales           *_rapport_sales_new_for_query     (const RapportAnalyticsQuery *query);
void                    _rapport_sales_add_up            (RapportSales                *sales,
                                                          gint64                       counted_refunds);
RapportSales           *_rapport_analytics_read_all_sales (RapportSqlite               *db,
                                                           const RapportAnalyticsQuery *query,
                                                           gboolean                     from_summaries,
                                                           GError                     **error);
gboolean                _rapport_analytics_fill_client_days (RapportSqlite            *db,
                                                             GError                  **error);
gboolean                _rapport_analytics_check_client_days (RapportSqlite           *db,
                                                              gint64                  *mismatches,
                                                              GError                 **error);
RapportAnalyticsReport *_rapport_analytics_report_new    (const RapportAnalyticsQuery *query,
                                                          RapportAnalyticsParts        parts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportFunnel, _rapport_funnel_free)

G_END_DECLS
