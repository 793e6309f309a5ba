/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the analytics files share: days and buckets, and the report's
 * parts being filled in. */

#include "rapport-analytics.h"
#include "rapport-reminder-source.h"
#include "rapport-sqlite-private.h"

G_BEGIN_DECLS

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

/* The statuses of an order that is a sale; and a line “l” the query's item
 * filter keeps. */
#define RAPPORT_ANALYTICS_COUNTED "('confirmed', 'fulfilled', 'closed')"
/* One statement that counts the rows where a summary and the tables
 * differ, either way: the rows of @summary (a table, or a table and a
 * condition) that come to something (@nonzero) and are not among the
 * tables' figures (@tables), and those of @tables not in @summary. The
 * tables' figures, what the check costs most, are worked out once. */
#define RAPPORT_ANALYTICS_DIFFERENCES(columns, summary, nonzero, tables) \
  "WITH t AS MATERIALIZED (" tables ") SELECT" \
  " (SELECT count(*) FROM (SELECT " columns " FROM " summary " WHERE " nonzero " EXCEPT SELECT * FROM t))" \
  " + (SELECT count(*) FROM (SELECT * FROM t EXCEPT SELECT " columns " FROM " summary "))"
#define RAPPORT_ANALYTICS_LINE_MATCH " AND (?6 = 0 OR l.catalog_item_id = ?6) AND (?7 IS NULL OR l.kind = ?7)"

/* A member of staff's quotes won and lost, as the funnel counts them. */
typedef struct
{
  guint quotes_won;
  guint quotes_lost;
} RapportStaffQuotes;

/* rapport-analytics-filters.c: the query as SQL. Statements bind ?1 and ?2
 * (the period's days), ?3 (staff), ?4 (tag), ?5 (place), ?6 and ?7 (item,
 * kind), ?8 and ?9 (the period's first and last moments, local clock). */
gboolean                _rapport_analytics_is_counted    (const char                  *status);
gboolean                _rapport_analytics_uses_summaries (const RapportAnalyticsQuery *query);
gboolean                _rapport_analytics_has_line_filter (const RapportAnalyticsQuery *query);
void                    _rapport_analytics_append_client_filters (GString                     *sql,
                                                                  const RapportAnalyticsQuery *query,
                                                                  const char                  *column);
void                    _rapport_analytics_append_order_filters  (GString                     *sql,
                                                                  const RapportAnalyticsQuery *query);
void                    _rapport_analytics_append_order_filters_for (GString                     *sql,
                                                                     const RapportAnalyticsQuery *query,
                                                                     const char                  *item_days);
gboolean                _rapport_analytics_uses_item_orders (const RapportAnalyticsQuery *query);
gboolean                _rapport_analytics_reads_item_orders (const RapportAnalyticsQuery *query);
void                    _rapport_analytics_append_period_orders (GString                     *sql,
                                                                 const RapportAnalyticsQuery *query,
                                                                 const char                  *otherwise);
void                    _rapport_analytics_append_period_filters (GString                     *sql,
                                                                  const RapportAnalyticsQuery *query);
const char             *_rapport_analytics_period_amount (const RapportAnalyticsQuery *query);
const char             *_rapport_analytics_order_amount  (const RapportAnalyticsQuery *query);
const char             *_rapport_analytics_line_amount   (const RapportAnalyticsQuery *query);
gint64                  _rapport_analytics_local_day_start (const char                *day,
                                                            int                        days_after);
gboolean                _rapport_analytics_has_client_filter (const RapportAnalyticsQuery *query);
gboolean                _rapport_analytics_uses_group_summaries (const RapportAnalyticsQuery *query);
const char             *_rapport_analytics_group_id      (const RapportAnalyticsQuery *query);
char                   *_rapport_analytics_group_period  (const RapportAnalyticsQuery *query,
                                                          const char                  *alias);
char                   *_rapport_analytics_days_from     (const RapportAnalyticsQuery *query,
                                                          const char                  *table);
const char             *_rapport_analytics_orders_index  (const RapportAnalyticsQuery *query,
                                                          const char                  *otherwise);
void                    _rapport_analytics_filtered_sales_sql (const RapportAnalyticsQuery  *query,
                                                               gboolean                      from_summaries,
                                                               GString                     **orders,
                                                               GString                     **payments);
GString                *_rapport_analytics_filtered_clients_sql (const RapportAnalyticsQuery *query,
                                                                 gboolean                     from_summaries);
RapportStmt            *_rapport_analytics_prepare       (RapportSqlite               *db,
                                                          const char                  *sql,
                                                          const RapportAnalyticsQuery *query,
                                                          GError                     **error);

/* The parts of the page, each in its file. */
GPtrArray              *_rapport_analytics_breakdown     (RapportSqlite               *db,
                                                          const RapportAnalyticsQuery *query,
                                                          RapportAnalyticsDimension    dimension,
                                                          const RapportSales          *sales,
                                                          GError                     **error);
gboolean                _rapport_analytics_read_funnel   (RapportSqlite               *db,
                                                          const RapportAnalyticsQuery *query,
                                                          RapportFunnel               *funnel,
                                                          GHashTable                  *staff_quotes,
                                                          GError                     **error);
GPtrArray              *_rapport_analytics_read_owed     (RapportSqlite               *db,
                                                          const RapportAnalyticsQuery *query,
                                                          GError                     **error);
gboolean                _rapport_analytics_read_staff    (RapportSqlite               *db,
                                                          const RapportAnalyticsQuery *query,
                                                          GPtrArray                   *by_staff,
                                                          GHashTable                  *staff_quotes,
                                                          gint64                       now,
                                                          GPtrArray                  **staff_out,
                                                          GError                     **error);
gboolean                _rapport_analytics_fill_funnel_days (RapportSqlite            *db,
                                                             GError                  **error);
gboolean                _rapport_analytics_check_funnel_days (RapportSqlite           *db,
                                                              gint64                  *mismatches,
                                                              GError                 **error);

gboolean                _rapport_analytics_parse_day     (const char                  *text,
                                                          GDate                       *date);
char                   *_rapport_analytics_format_day    (const GDate                 *date);
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
gboolean                _rapport_analytics_fill_line_kind_repeats (RapportSqlite    *db,
                                                                   GError          **error);
gboolean                _rapport_analytics_check_line_summaries (RapportSqlite      *db,
                                                                 gint64             *mismatches,
                                                                 GError            **error);
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

/* Sales (rapport-analytics-sales.c): rows of orders or of payments by
 * day read into their buckets, under a filter or not; with no filter,
 * the whole of the sales. */
typedef enum
{
  RAPPORT_ANALYTICS_ORDER_ROWS,
  RAPPORT_ANALYTICS_PAYMENT_ROWS,
} RapportAnalyticsSalesRows;

gboolean                _rapport_analytics_add_sales_rows (RapportSqlite               *db,
                                                           const char                  *sql,
                                                           const RapportAnalyticsQuery *query,
                                                           RapportAnalyticsSalesRows    rows,
                                                           RapportSales                *sales,
                                                           gint64                      *counted_refunds,
                                                           GError                     **error);
gboolean                _rapport_analytics_count_item_buyers (RapportSqlite               *db,
                                                              const RapportAnalyticsQuery *query,
                                                              RapportSales                *sales,
                                                              GError                     **error);
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
gboolean                _rapport_analytics_fill_staff_clients (RapportSqlite          *db,
                                                               GError                **error);
gboolean                _rapport_analytics_check_staff_clients (RapportSqlite         *db,
                                                                gint64                *mismatches,
                                                                GError               **error);
gboolean                _rapport_analytics_count_staff_clients (RapportSqlite               *db,
                                                                const RapportAnalyticsQuery *query,
                                                                RapportSales                *sales,
                                                                GError                     **error);
gboolean                _rapport_analytics_fill_item_summaries (RapportSqlite         *db,
                                                                GError               **error);
gboolean                _rapport_analytics_check_item_summaries (RapportSqlite        *db,
                                                                 gint64               *mismatches,
                                                                 GError              **error);
gboolean                _rapport_analytics_fill_item_owed (RapportSqlite          *db,
                                                           GError                **error);
gboolean                _rapport_analytics_fill_item_funnel (RapportSqlite            *db,
                                                             GError                  **error);
gboolean                _rapport_analytics_fill_group_summaries (RapportSqlite        *db,
                                                                 GError              **error);
gboolean                _rapport_analytics_fill_group_lines (RapportSqlite            *db,
                                                             GError                  **error);
gboolean                _rapport_analytics_rebuild_group_summaries (RapportSqlite     *db,
                                                                    GError           **error);
gboolean                _rapport_analytics_fill_group_owed (RapportSqlite             *db,
                                                            GError                   **error);
gboolean                _rapport_analytics_check_group_summaries (RapportSqlite       *db,
                                                                  gint64              *mismatches,
                                                                  GError             **error);
gboolean                _rapport_analytics_fill_group_activity (RapportSqlite         *db,
                                                                GError               **error);
gboolean                _rapport_analytics_check_group_activity (RapportSqlite        *db,
                                                                 gint64               *mismatches,
                                                                 GError              **error);
gboolean                _rapport_analytics_count_mismatches (RapportSqlite      *db,
                                                             const char * const *checks,
                                                             guint               n_checks,
                                                             gint64             *mismatches,
                                                             GError            **error);
RapportAnalyticsReport *_rapport_analytics_report_new    (const RapportAnalyticsQuery *query,
                                                          RapportAnalyticsParts        parts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportFunnel, _rapport_funnel_free)

G_END_DECLS
