/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-calendar.h"
#include "rapport-database.h"

G_BEGIN_DECLS

/* The kind #RapportDatabase::changed names when the stored RFM scores were
 * recomputed (orders and payments announce themselves as orders). */
#define RAPPORT_KIND_ANALYTICS "analytics"

/**
 * RapportAnalyticsBucket:
 * @RAPPORT_ANALYTICS_BY_DAY: one point a day
 * @RAPPORT_ANALYTICS_BY_WEEK: one point a week; weeks start on the
 *   query's calendar's first day (Monday in the Gregorian one)
 * @RAPPORT_ANALYTICS_BY_MONTH: one point a month of the query's calendar
 *
 * How a period is cut into points. Days are those of the local clock: an
 * order taken at 23:30 on 31 March belongs to 31 March; weeks and months
 * are those of the query's #RapportCalendar.
 */
typedef enum
{
  RAPPORT_ANALYTICS_BY_DAY,
  RAPPORT_ANALYTICS_BY_WEEK,
  RAPPORT_ANALYTICS_BY_MONTH,
} RapportAnalyticsBucket;

/**
 * RapportAnalyticsQuery:
 * @from_day: the first day of the period, `YYYY-MM-DD`, local calendar
 * @to_day: the last day of the period (included), `YYYY-MM-DD`
 * @bucket: how the period is cut into points
 * @calendar: (nullable): the calendar of its weeks and months, or %NULL for
 *   the Gregorian one; not owned (an interface's calendar lives as long as
 *   the program)
 * @staff_id: only orders taken by (interactions logged by) this member of
 *   staff, or 0 for everyone
 * @catalog_item_id: only orders with a line of this catalog item, and only
 *   those lines' amounts, or 0 for any
 * @item_kind: (nullable): only lines of this kind, “product” or “service”,
 *   or %NULL for both
 * @client_tag: (nullable): only clients with this tag, or %NULL
 * @place: (nullable): only clients with an address whose city or region is
 *   this (compared without case), or %NULL
 *
 * What a report covers. Every part of the Analytics page takes the same
 * query; the comparison periods are the same query moved in time
 * (rapport_analytics_query_dup_previous(),
 * rapport_analytics_query_dup_year_before()).
 */
typedef struct
{
  char                   *from_day;
  char                   *to_day;
  RapportAnalyticsBucket  bucket;
  const RapportCalendar  *calendar;
  gint64                  staff_id;
  gint64                  catalog_item_id;
  char                   *item_kind;
  char                   *client_tag;
  char                   *place;
} RapportAnalyticsQuery;

#define RAPPORT_TYPE_ANALYTICS_QUERY (rapport_analytics_query_get_type ())

GType                  rapport_analytics_query_get_type         (void) G_GNUC_CONST;
RapportAnalyticsQuery *rapport_analytics_query_new              (const char                  *from_day,
                                                                 const char                  *to_day,
                                                                 RapportAnalyticsBucket       bucket);
RapportAnalyticsQuery *rapport_analytics_query_copy             (const RapportAnalyticsQuery *query);
void                   rapport_analytics_query_free             (RapportAnalyticsQuery       *query);
gboolean               rapport_analytics_query_validate         (const RapportAnalyticsQuery *query,
                                                                 GError                     **error);
RapportAnalyticsQuery *rapport_analytics_query_dup_previous     (const RapportAnalyticsQuery *query);
RapportAnalyticsQuery *rapport_analytics_query_dup_year_before  (const RapportAnalyticsQuery *query);
RapportAnalyticsBucket rapport_analytics_bucket_for_period      (const char                  *from_day,
                                                                 const char                  *to_day);
const char            *rapport_analytics_bucket_to_string       (RapportAnalyticsBucket       bucket);
gboolean               rapport_analytics_bucket_from_string     (const char                  *name,
                                                                 RapportAnalyticsBucket      *bucket);

/**
 * RapportSalesPoint:
 * @start_day: the first day of the point's day, week or month (the first
 *   point and the last may be cut by the period), `YYYY-MM-DD`
 * @invoiced: what the counted orders taken then come to, with tax
 * @paid: what was received then, less what was refunded then
 * @refunded: what was refunded then (a positive number)
 * @orders: how many counted orders were taken then
 * @cancelled: how many orders taken then were cancelled
 * @cancelled_value: what those come to
 *
 * One point of sales over time. Which orders count is the rule in the
 * README (“Analytics”): confirmed, fulfilled and closed ones, on the day
 * they were taken; cancelled and lost ones never; refunds on the day they
 * were paid back.
 */
typedef struct
{
  char   *start_day;
  gint64  invoiced;
  gint64  paid;
  gint64  refunded;
  guint   orders;
  guint   cancelled;
  gint64  cancelled_value;
} RapportSalesPoint;

/**
 * RapportSales:
 * @points: (element-type RapportSalesPoint): one a bucket, in order, with
 *   empty buckets present (all zero)
 * @invoiced: the period's total of @points' invoiced
 * @paid: likewise received less refunded
 * @refunded: likewise refunded
 * @net: @invoiced less what was refunded in the period on counted orders
 * @orders: counted orders
 * @cancelled: cancelled orders
 * @cancelled_value: what those come to
 * @average_order: @invoiced / @orders rounded half away from zero, or 0
 * @new_clients: clients whose first counted order is in the period
 * @returning_clients: clients with a counted order in the period who had
 *   one before it
 *
 * Sales over a period. Amounts are minor units of the business currency.
 */
typedef struct
{
  GPtrArray *points;
  gint64     invoiced;
  gint64     paid;
  gint64     refunded;
  gint64     net;
  guint      orders;
  guint      cancelled;
  gint64     cancelled_value;
  gint64     average_order;
  guint      new_clients;
  guint      returning_clients;
} RapportSales;

/**
 * RapportAnalyticsDimension:
 * @RAPPORT_ANALYTICS_BY_PRODUCT: by catalog item (lines of no catalog item
 *   are grouped by their name)
 * @RAPPORT_ANALYTICS_BY_STAFF: by who took the order
 * @RAPPORT_ANALYTICS_BY_REGION: by the region (else the city) of the
 *   client's first address
 * @RAPPORT_ANALYTICS_BY_CAMPAIGN: by the campaign the order came from
 */
typedef enum
{
  RAPPORT_ANALYTICS_BY_PRODUCT,
  RAPPORT_ANALYTICS_BY_STAFF,
  RAPPORT_ANALYTICS_BY_REGION,
  RAPPORT_ANALYTICS_BY_CAMPAIGN,
} RapportAnalyticsDimension;

/**
 * RapportBreakdownRow:
 * @id: the catalog item, staff member or campaign, or 0 (no catalog item,
 *   nobody, no campaign, no region)
 * @label: what a person reads: the item, staff, region or campaign name;
 *   “” for the row of none (the page names it)
 * @orders: counted orders
 * @invoiced: what they (for products: the item's lines) come to, with tax
 *
 * One row of sales by product, staff, region or campaign; rows come
 * largest first.
 */
typedef struct
{
  gint64  id;
  char   *label;
  guint   orders;
  gint64  invoiced;
} RapportBreakdownRow;

/**
 * RapportFunnelStage:
 * @RAPPORT_FUNNEL_QUOTED: quoted (every order that was a quote, or
 *   started later in the funnel)
 * @RAPPORT_FUNNEL_CONFIRMED: confirmed
 * @RAPPORT_FUNNEL_PAID: paid in full
 * @RAPPORT_FUNNEL_DELIVERED: delivered (an order with a delivered delivery)
 */
typedef enum
{
  RAPPORT_FUNNEL_QUOTED,
  RAPPORT_FUNNEL_CONFIRMED,
  RAPPORT_FUNNEL_PAID,
  RAPPORT_FUNNEL_DELIVERED,
  RAPPORT_FUNNEL_N_STAGES,
} RapportFunnelStage;

/**
 * RapportFunnelStep:
 * @stage: which step
 * @count: orders of the period that reached it
 * @value: what they come to
 * @conversion: @count / the previous step's count (1 for the first step;
 *   0 when the previous step is empty)
 * @median_seconds: the median time from reaching the previous step to
 *   reaching this one, in seconds, or -1 when no order has both moments
 */
typedef struct
{
  RapportFunnelStage  stage;
  guint               count;
  gint64              value;
  double              conversion;
  gint64              median_seconds;
} RapportFunnelStep;

/**
 * RapportLostReasonRow:
 * @reason_id: the lost reason, or 0 for none given
 * @name: its name, “” for none
 * @count: quotes lost for it
 * @value: what they came to
 */
typedef struct
{
  gint64  reason_id;
  char   *name;
  guint   count;
  gint64  value;
} RapportLostReasonRow;

/**
 * RapportFunnel:
 * @steps: (element-type RapportFunnelStep): the four steps, in order
 * @won: quotes of the period that became orders (confirmed or later)
 * @won_value: what those come to
 * @lost: quotes of the period that were lost
 * @lost_value: what those came to
 * @lost_reasons: (element-type RapportLostReasonRow): largest value first
 *
 * The funnel of the orders taken (ordered_on) in the period.
 */
typedef struct
{
  GPtrArray *steps;
  guint      won;
  gint64     won_value;
  guint      lost;
  gint64     lost_value;
  GPtrArray *lost_reasons;
} RapportFunnel;

/**
 * RapportAgeingBucket:
 * @from_days: the fewest days past due in the bucket (0, 31, 61, 91)
 * @to_days: the most (30, 60, 90), or -1 for no limit
 * @count: how many orders
 * @amount: what is owed on them
 * @order_ids: (element-type gint64): the orders, oldest due first
 *
 * Money owed, by how long it has been due, as of the query's last day.
 * An order still within its payment terms is in the first bucket.
 */
typedef struct
{
  int      from_days;
  int      to_days;
  guint    count;
  gint64   amount;
  GArray  *order_ids;
} RapportAgeingBucket;

/**
 * RapportRfmSegment:
 *
 * The named groups of clients by recency, frequency and money. The rule
 * from the three scores (1 to 5, 5 best) is in the README.
 */
typedef enum
{
  RAPPORT_RFM_CHAMPIONS,
  RAPPORT_RFM_LOYAL,
  RAPPORT_RFM_PROMISING,
  RAPPORT_RFM_NEW,
  RAPPORT_RFM_NEEDS_ATTENTION,
  RAPPORT_RFM_AT_RISK,
  RAPPORT_RFM_CANT_LOSE,
  RAPPORT_RFM_HIBERNATING,
  RAPPORT_RFM_LOST,
  RAPPORT_RFM_N_SEGMENTS,
} RapportRfmSegment;

const char *rapport_rfm_segment_to_string   (RapportRfmSegment  segment);
gboolean    rapport_rfm_segment_from_string (const char        *name,
                                             RapportRfmSegment *segment);
const char *rapport_rfm_segment_get_label   (RapportRfmSegment  segment);
RapportRfmSegment rapport_rfm_segment_for_scores (int recency,
                                             int frequency,
                                             int monetary);
int         rapport_rfm_quintile            (guint64            below,
                                             guint64            count);

/**
 * RapportRfmScore:
 * @client_id: the client
 * @recency: 1 to 5; 5 bought most recently
 * @frequency: 1 to 5; 5 bought most often
 * @monetary: 1 to 5; 5 spent most
 * @segment: the named group
 * @scored_at: when the scores were computed, UTC seconds
 *
 * A client's RFM scores as last computed (rapport_analytics_refresh_rfm()).
 */
typedef struct
{
  gint64             client_id;
  int                recency;
  int                frequency;
  int                monetary;
  RapportRfmSegment  segment;
  gint64             scored_at;
} RapportRfmScore;

/**
 * RapportRfmRow:
 * @segment: the group
 * @clients: how many clients are in it
 * @revenue: what they have spent, all time
 */
typedef struct
{
  RapportRfmSegment  segment;
  guint              clients;
  gint64             revenue;
} RapportRfmRow;

/**
 * RapportAtRiskClient:
 * @client_id: the client
 * @name: the client's name
 * @visits: counted orders and visits, all time
 * @usual_interval_days: the median of the days between them
 * @last_day: the last one, `YYYY-MM-DD`
 * @days_away: days since @last_day, as of the query's last day
 * @revenue: what the client has spent, all time
 *
 * A regular client who has not come back for twice the usual interval.
 * Regular: at least three orders or visits on different days (README).
 */
typedef struct
{
  gint64  client_id;
  char   *name;
  guint   visits;
  int     usual_interval_days;
  char   *last_day;
  int     days_away;
  gint64  revenue;
} RapportAtRiskClient;

/**
 * RapportStaffRow:
 * @staff_id: the member of staff, or 0 for nobody
 * @name: their name, “” for nobody
 * @orders: counted orders they took in the period
 * @revenue: what those come to
 * @interactions: interactions they logged in the period (local days)
 * @follow_ups_on_time: follow-ups due in the period done by the end of
 *   their day
 * @follow_ups_late: follow-ups due in the period done later, or not done
 *   and already past
 * @quotes_won: their quotes of the period that became orders
 * @quotes_lost: their quotes of the period that were lost
 */
typedef struct
{
  gint64  staff_id;
  char   *name;
  guint   orders;
  gint64  revenue;
  guint   interactions;
  guint   follow_ups_on_time;
  guint   follow_ups_late;
  guint   quotes_won;
  guint   quotes_lost;
} RapportStaffRow;

/**
 * RapportAnalyticsParts:
 *
 * Which parts a report holds; the page asks for all of them at once.
 */
typedef enum
{
  RAPPORT_ANALYTICS_SALES      = 1 << 0,
  RAPPORT_ANALYTICS_BREAKDOWNS = 1 << 1,
  RAPPORT_ANALYTICS_FUNNEL     = 1 << 2,
  RAPPORT_ANALYTICS_OWED       = 1 << 3,
  RAPPORT_ANALYTICS_RFM        = 1 << 4,
  RAPPORT_ANALYTICS_AT_RISK    = 1 << 5,
  RAPPORT_ANALYTICS_STAFF      = 1 << 6,
  RAPPORT_ANALYTICS_ALL        = 0x7f,
  RAPPORT_ANALYTICS_AT_RISK_ALL = 1 << 7,
} RapportAnalyticsParts;

/* How many of the clients slipping away a report lists, most valuable
 * first, unless asked for RAPPORT_ANALYTICS_AT_RISK_ALL. */
#define RAPPORT_ANALYTICS_AT_RISK_SHOWN 50

/**
 * RapportAnalyticsReport:
 * @query: what it covers
 * @parts: which of the fields below were filled in; the others are %NULL
 * @currency: the business currency, ISO 4217
 * @sales: sales over time
 * @by_product: (element-type RapportBreakdownRow)
 * @by_staff: (element-type RapportBreakdownRow)
 * @by_region: (element-type RapportBreakdownRow)
 * @by_campaign: (element-type RapportBreakdownRow)
 * @funnel: quotes to delivered, won and lost
 * @owed: (element-type RapportAgeingBucket): the four age buckets
 * @rfm: (element-type RapportRfmRow): one row a segment, in the enum's
 *   order (the stored scores: not filtered by the query)
 * @at_risk: (element-type RapportAtRiskClient): most valuable first: the
 *   first %RAPPORT_ANALYTICS_AT_RISK_SHOWN, or all with
 *   %RAPPORT_ANALYTICS_AT_RISK_ALL
 * @at_risk_total: how many clients are slipping away in all
 * @staff: (element-type RapportStaffRow): most revenue first
 *
 * The figures of the Analytics page for one query.
 */
typedef struct
{
  RapportAnalyticsQuery *query;
  RapportAnalyticsParts  parts;
  char                  *currency;
  RapportSales          *sales;
  GPtrArray             *by_product;
  GPtrArray             *by_staff;
  GPtrArray             *by_region;
  GPtrArray             *by_campaign;
  RapportFunnel         *funnel;
  GPtrArray             *owed;
  GPtrArray             *rfm;
  GPtrArray             *at_risk;
  GPtrArray             *staff;
  guint                  at_risk_total;
} RapportAnalyticsReport;

#define RAPPORT_TYPE_ANALYTICS_REPORT (rapport_analytics_report_get_type ())

GType                   rapport_analytics_report_get_type (void) G_GNUC_CONST;
RapportAnalyticsReport *rapport_analytics_report_ref      (RapportAnalyticsReport *report);
void                    rapport_analytics_report_unref    (RapportAnalyticsReport *report);

#define RAPPORT_TYPE_ANALYTICS (rapport_analytics_get_type ())

G_DECLARE_FINAL_TYPE (RapportAnalytics, rapport_analytics, RAPPORT, ANALYTICS, GObject)

RapportAnalytics       *rapport_analytics_new               (RapportDatabase              *database);

/* Reports: on the reader connection, so safe from a worker thread; the
 * page uses the _async form and never waits. */
RapportAnalyticsReport *rapport_analytics_report            (RapportAnalytics             *self,
                                                             const RapportAnalyticsQuery  *query,
                                                             RapportAnalyticsParts         parts,
                                                             GCancellable                 *cancellable,
                                                             GError                      **error);
void                    rapport_analytics_report_async      (RapportAnalytics             *self,
                                                             const RapportAnalyticsQuery  *query,
                                                             RapportAnalyticsParts         parts,
                                                             GCancellable                 *cancellable,
                                                             GAsyncReadyCallback           callback,
                                                             gpointer                      user_data);
RapportAnalyticsReport *rapport_analytics_report_finish     (RapportAnalytics             *self,
                                                             GAsyncResult                 *result,
                                                             GError                      **error);

/* Sales from the orders and payments tables themselves rather than the
 * summaries: for checking, and for the benchmark. */
RapportSales           *rapport_analytics_sales_from_orders (RapportAnalytics             *self,
                                                             const RapportAnalyticsQuery  *query,
                                                             GCancellable                 *cancellable,
                                                             GError                      **error);
void                    rapport_sales_free                  (RapportSales                 *sales);

/* Drilling down: the clients of an RFM segment, by client id. */
GArray                 *rapport_analytics_list_segment      (RapportAnalytics             *self,
                                                             RapportRfmSegment             segment,
                                                             GCancellable                 *cancellable,
                                                             GError                      **error);
void                    rapport_analytics_list_segment_async  (RapportAnalytics           *self,
                                                             RapportRfmSegment             segment,
                                                             GCancellable                 *cancellable,
                                                             GAsyncReadyCallback           callback,
                                                             gpointer                      user_data);
GArray                 *rapport_analytics_list_segment_finish (RapportAnalytics           *self,
                                                             GAsyncResult                 *result,
                                                             GError                      **error);

/**
 * RapportAnalyticsOrders:
 * @RAPPORT_ANALYTICS_ORDERS_SALES: the counted orders (a column of Sales:
 *   the query's days are the column's)
 * @RAPPORT_ANALYTICS_ORDERS_BY_PRODUCT: those with a line of the catalog
 *   item @key, or (@key 0) a line of no catalog item named @name
 * @RAPPORT_ANALYTICS_ORDERS_BY_STAFF: those taken by the member of staff
 *   @key, or (0) by nobody; also a row of Staff
 * @RAPPORT_ANALYTICS_ORDERS_BY_REGION: those of clients whose first
 *   address's region (else city) is @name (“” for none)
 * @RAPPORT_ANALYTICS_ORDERS_BY_CAMPAIGN: those of the campaign @key, or
 *   (0) of none
 * @RAPPORT_ANALYTICS_ORDERS_FUNNEL: those that reached the funnel step
 *   @key, a #RapportFunnelStage
 * @RAPPORT_ANALYTICS_ORDERS_LOST: the quotes lost for the reason @key, or
 *   (0) for none given
 *
 * Which orders of a report are listed when a person opens a bar, a step
 * or a row: exactly those the figure counted.
 */
typedef enum
{
  RAPPORT_ANALYTICS_ORDERS_SALES,
  RAPPORT_ANALYTICS_ORDERS_BY_PRODUCT,
  RAPPORT_ANALYTICS_ORDERS_BY_STAFF,
  RAPPORT_ANALYTICS_ORDERS_BY_REGION,
  RAPPORT_ANALYTICS_ORDERS_BY_CAMPAIGN,
  RAPPORT_ANALYTICS_ORDERS_FUNNEL,
  RAPPORT_ANALYTICS_ORDERS_LOST,
} RapportAnalyticsOrders;

/* Drilling down: the orders behind a figure, by order id, newest first
 * (rapport-analytics-orders.c). */
GArray                 *rapport_analytics_list_orders       (RapportAnalytics             *self,
                                                             const RapportAnalyticsQuery  *query,
                                                             RapportAnalyticsOrders        part,
                                                             gint64                        key,
                                                             const char                   *name,
                                                             GCancellable                 *cancellable,
                                                             GError                      **error);
void                    rapport_analytics_list_orders_async (RapportAnalytics             *self,
                                                             const RapportAnalyticsQuery  *query,
                                                             RapportAnalyticsOrders        part,
                                                             gint64                        key,
                                                             const char                   *name,
                                                             GCancellable                 *cancellable,
                                                             GAsyncReadyCallback           callback,
                                                             gpointer                      user_data);
GArray                 *rapport_analytics_list_orders_finish (RapportAnalytics            *self,
                                                             GAsyncResult                 *result,
                                                             GError                      **error);

/* One client's RFM scores, for the card: a short indexed read. Returns
 * FALSE without an error when the client has no counted order (no score). */
gboolean                rapport_analytics_get_client_score  (RapportAnalytics             *self,
                                                             gint64                        client_id,
                                                             RapportRfmScore              *score,
                                                             GError                      **error);

/* Recomputes every client's RFM scores from the orders and stores them
 * (one write transaction on a worker); emits “changed” with
 * %RAPPORT_KIND_ANALYTICS. The application does it when the stored
 * scores are older than a day. */
gboolean                rapport_analytics_refresh_rfm       (RapportAnalytics             *self,
                                                             GError                      **error);
void                    rapport_analytics_refresh_rfm_async (RapportAnalytics             *self,
                                                             GCancellable                 *cancellable,
                                                             GAsyncReadyCallback           callback,
                                                             gpointer                      user_data);
gboolean                rapport_analytics_refresh_rfm_finish (RapportAnalytics            *self,
                                                             GAsyncResult                 *result,
                                                             GError                      **error);
/* When the stored scores were computed, UTC seconds, or 0 for never. */
gint64                  rapport_analytics_get_rfm_scored_at (RapportAnalytics             *self,
                                                             GError                      **error);

/* The summaries the triggers keep: rebuilt from the orders (the upgrade
 * does it; so may a check), and compared with them. */
gboolean                rapport_analytics_rebuild_summaries (RapportAnalytics             *self,
                                                             GError                      **error);
gboolean                rapport_analytics_check_summaries   (RapportAnalytics             *self,
                                                             GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportAnalyticsQuery, rapport_analytics_query_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportAnalyticsReport, rapport_analytics_report_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportSales, rapport_sales_free)

G_END_DECLS
