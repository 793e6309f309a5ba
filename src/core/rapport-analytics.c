/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Analytics and its SQL: the reports of the Analytics page and of
 * `rapport-cli report`, read on the reader connection, from the summaries
 * that step 0008's triggers keep (or, for checking, from the orders). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rapport-analytics-private.h"
#include "rapport-database-private.h"
#include "rapport-error.h"

struct _RapportAnalytics
{
  GObject          parent_instance;

  RapportDatabase *database;
};

G_DEFINE_FINAL_TYPE (RapportAnalytics, rapport_analytics, G_TYPE_OBJECT)

static void
rapport_analytics_finalize (GObject *object)
{
  RapportAnalytics *self = (RapportAnalytics *) object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (rapport_analytics_parent_class)->finalize (object);
}

static void
rapport_analytics_class_init (RapportAnalyticsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_analytics_finalize;
}

static void
rapport_analytics_init (RapportAnalytics *self)
{
}

/**
 * rapport_analytics_new:
 * @database: the database
 *
 * Returns: (transfer full): the analytics of @database
 */
RapportAnalytics *
rapport_analytics_new (RapportDatabase *database)
{
  RapportAnalytics *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_ANALYTICS, NULL);
  self->database = g_object_ref (database);
  return self;
}

/* For the files of analytics that read on their own
 * (rapport-analytics-orders.c). */
RapportDatabase *
_rapport_analytics_get_database (RapportAnalytics *self)
{
  return self->database;
}

/* ---- Sales ---- */

/* New clients bought first in the period; returning ones had bought
 * before and bought in it. With no filter or only a member of staff's,
 * or a catalog item's, from the summaries (rapport-analytics-sales.c);
 * under a filter the summaries do not keep, from the orders the filter
 * keeps. */
static gboolean
count_clients (RapportSqlite                *db,
               const RapportAnalyticsQuery  *query,
               gboolean                      from_summaries,
               RapportSales                 *sales,
               GError                      **error)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  if (from_summaries && _rapport_analytics_uses_summaries (query))
    return _rapport_analytics_count_staff_clients (db, query, sales, error);
  if (from_summaries && _rapport_analytics_reads_item_orders (query))
    return _rapport_analytics_count_item_buyers (db, query, sales, error);
  sql = _rapport_analytics_filtered_clients_sql (query, from_summaries);
  stmt = _rapport_analytics_prepare (db, sql->str, query, error);
  if (stmt == NULL || !_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  g_assert (has_row);
  sales->new_clients = (guint) _rapport_stmt_column_int (stmt, 1);
  sales->returning_clients = (guint) (_rapport_stmt_column_int (stmt, 0) - _rapport_stmt_column_int (stmt, 1));
  return TRUE;
}

static RapportSales *
read_sales (RapportSqlite                *db,
            const RapportAnalyticsQuery  *query,
            gboolean                      from_summaries,
            GError                      **error)
{
  g_autoptr(RapportSales) sales = NULL;
  g_autoptr(GString) orders_sql = NULL;
  g_autoptr(GString) payments_sql = NULL;
  gint64 counted_refunds = 0;

  /* No filter at all: rapport-analytics-sales.c. */
  if (query->staff_id == 0 && _rapport_analytics_uses_summaries (query))
    return _rapport_analytics_read_all_sales (db, query, from_summaries, error);

  sales = _rapport_sales_new_for_query (query);
  if (from_summaries && _rapport_analytics_uses_summaries (query))
    {
      const char *staff = query->staff_id > 0 ? " AND staff_id = ?3" : "";

      orders_sql = g_string_new (NULL);
      g_string_printf (orders_sql, "SELECT day, status, sum(orders), sum(amount) FROM sales_days"
                       " WHERE day BETWEEN ?1 AND ?2%s GROUP BY day, status", staff);
      payments_sql = g_string_new (NULL);
      g_string_printf (payments_sql, "SELECT day, status, sum(received), sum(refunded) FROM payment_days"
                       " WHERE day BETWEEN ?1 AND ?2%s GROUP BY day, status", staff);
    }
  else
    _rapport_analytics_filtered_sales_sql (query, from_summaries, &orders_sql, &payments_sql);

  if (sales->points->len == 0
      || !_rapport_analytics_add_sales_rows (db, orders_sql->str, query, RAPPORT_ANALYTICS_ORDER_ROWS,
                                             sales, NULL, error)
      || !_rapport_analytics_add_sales_rows (db, payments_sql->str, query, RAPPORT_ANALYTICS_PAYMENT_ROWS,
                                             sales, &counted_refunds, error)
      || !count_clients (db, query, from_summaries, sales, error))
    return NULL;
  _rapport_sales_add_up (sales, counted_refunds);
  return g_steal_pointer (&sales);
}

/* ---- RFM and the clients slipping away ---- */

static GPtrArray *
read_rfm (RapportSqlite  *db,
          GError        **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;

  for (guint i = 0; i < RAPPORT_RFM_N_SEGMENTS; i++)
    {
      RapportRfmRow *row = g_new0 (RapportRfmRow, 1);

      row->segment = (RapportRfmSegment) i;
      g_ptr_array_add (rows, row);
    }
  /* The value beside the scores is what the client has spent (step 0015). */
  stmt = _rapport_sqlite_prepare (db, "SELECT segment, count(*), sum(value) FROM client_scores"
                                  " INDEXED BY client_scores_by_segment_value WHERE segment IS NOT NULL"
                                  " GROUP BY segment", error);
  if (stmt == NULL)
    return NULL;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      RapportRfmSegment segment;

      if (rapport_rfm_segment_from_string (_rapport_stmt_column_text (stmt, 0), &segment))
        {
          RapportRfmRow *row = g_ptr_array_index (rows, segment);

          row->clients = (guint) _rapport_stmt_column_int (stmt, 1);
          row->revenue = _rapport_stmt_column_int (stmt, 2);
        }
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&rows);
}

/* The regular clients not back for twice their usual interval as of
 * @as_of_day (`YYYY-MM-DD`): those whose due day (step 0015) is not after
 * it. Counted from the index of due days, and listed from the index by
 * value, most valuable first: @limit of them, or all for -1. */
#define AT_RISK_FROM \
  " FROM client_scores s INDEXED BY client_scores_due_by_value JOIN clients c ON c.id = s.client_id" \
  " LEFT JOIN client_sales cs ON cs.client_id = s.client_id WHERE s.due_day IS NOT NULL AND s.due_day <= ?11"

static gboolean
count_at_risk (RapportSqlite                *db,
               const char                   *as_of_day,
               const RapportAnalyticsQuery  *query,
               guint                        *total,
               GError                      **error)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  if (query != NULL && (query->staff_id > 0 || _rapport_analytics_has_client_filter (query)))
    {
      sql = g_string_new ("SELECT count(*) FROM client_scores s INDEXED BY client_scores_by_due_day"
                          " JOIN clients c ON c.id = s.client_id WHERE s.due_day <= ?11");
      if (query->staff_id > 0)
        g_string_append (sql, " AND c.owner_id = ?3");
      _rapport_analytics_append_client_filters (sql, query, "s.client_id");
      stmt = _rapport_analytics_prepare (db, sql->str, query, error);
    }
  else
    stmt = _rapport_sqlite_prepare (db, "SELECT count(*) FROM client_scores INDEXED BY client_scores_by_due_day"
                                    " WHERE due_day <= ?11", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 11, as_of_day);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  *total = has_row ? (guint) CLAMP (_rapport_stmt_column_int (stmt, 0), 0, G_MAXUINT) : 0;
  return TRUE;
}

static GPtrArray *
read_at_risk (RapportSqlite                *db,
              const char                   *as_of_day,
              const RapportAnalyticsQuery  *query,
              gint64                        limit,
              GError                      **error)
{
  g_autoptr(GPtrArray) clients = _rapport_at_risk_clients_new ();
  g_autoptr(GString) sql = g_string_new ("SELECT s.client_id, c.display_name, s.visits, s.usual_interval,"
                                         " " RAPPORT_ANALYTICS_LAST_DAY ", coalesce(cs.spent, 0)" AT_RISK_FROM);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;
  GDate as_of;

  if (!_rapport_analytics_parse_day (as_of_day, &as_of))
    g_assert_not_reached ();
  if (query != NULL)
    {
      if (query->staff_id > 0)
        g_string_append (sql, " AND c.owner_id = ?3");
      _rapport_analytics_append_client_filters (sql, query, "s.client_id");
    }
  g_string_append (sql, " ORDER BY s.value DESC, s.client_id LIMIT ?12");
  stmt = query ? _rapport_analytics_prepare (db, sql->str, query, error) : _rapport_sqlite_prepare (db, sql->str, error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_text (stmt, 11, as_of_day);
  _rapport_stmt_bind_int (stmt, 12, limit);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      gint64 interval = _rapport_stmt_column_int (stmt, 3);
      GDate last;
      RapportAtRiskClient *client;

      if (!_rapport_analytics_parse_day (_rapport_stmt_column_text (stmt, 4), &last) || interval <= 0)
        continue;
      client = g_new0 (RapportAtRiskClient, 1);
      client->client_id = _rapport_stmt_column_int (stmt, 0);
      client->name = g_utf8_make_valid (_rapport_stmt_column_text (stmt, 1), -1);
      client->visits = (guint) CLAMP (_rapport_stmt_column_int (stmt, 2), 0, G_MAXUINT);
      client->usual_interval_days = (int) MIN (interval, G_MAXINT);
      client->last_day = g_strdup (_rapport_stmt_column_text (stmt, 4));
      client->days_away = g_date_days_between (&last, &as_of);
      client->revenue = _rapport_stmt_column_int (stmt, 5);
      g_ptr_array_add (clients, client);
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&clients);
}

/* ---- The report ---- */

typedef struct
{
  RapportAnalyticsReport *report;
  gint64                  now;
} ReportData;

static char *
read_currency (RapportSqlite  *db,
               GError        **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  /* The business's currency; before one was chosen, its newest order's,
   * which is what the figures add up. */
  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT coalesce ((SELECT value FROM business_settings WHERE key = 'currency'),"
                                  "                 (SELECT currency FROM orders ORDER BY id DESC LIMIT 1))",
                                  error);
  if (stmt == NULL || !_rapport_sqlite_step (db, stmt, &has_row, error))
    return NULL;
  return g_strdup (has_row && sqlite3_column_type (stmt, 0) == SQLITE_TEXT
                   ? _rapport_stmt_column_text (stmt, 0) : "");
}

static gpointer
report_on_reader (RapportSqlite  *db,
                  gpointer        user_data,
                  GError        **error)
{
  ReportData *data = user_data;
  RapportAnalyticsReport *report = data->report;
  const RapportAnalyticsQuery *query = report->query;
  RapportAnalyticsParts parts = report->parts;
  g_autoptr(GHashTable) staff_quotes = NULL;
  g_autoptr(GPtrArray) by_staff = NULL;

  report->currency = read_currency (db, error);
  if (report->currency == NULL)
    return NULL;

  if (parts & (RAPPORT_ANALYTICS_SALES | RAPPORT_ANALYTICS_BREAKDOWNS))
    {
      report->sales = read_sales (db, query, TRUE, error);
      if (report->sales == NULL)
        return NULL;
    }
  if (parts & (RAPPORT_ANALYTICS_BREAKDOWNS | RAPPORT_ANALYTICS_STAFF))
    {
      by_staff = _rapport_analytics_breakdown (db, query, RAPPORT_ANALYTICS_BY_STAFF, report->sales, error);
      if (by_staff == NULL)
        return NULL;
    }
  if (parts & RAPPORT_ANALYTICS_BREAKDOWNS)
    {
      report->by_staff = g_ptr_array_ref (by_staff);
      report->by_product = _rapport_analytics_breakdown (db, query, RAPPORT_ANALYTICS_BY_PRODUCT,
                                                         report->sales, error);
      if (report->by_product == NULL)
        return NULL;
      report->by_region = _rapport_analytics_breakdown (db, query, RAPPORT_ANALYTICS_BY_REGION,
                                                         report->sales, error);
      if (report->by_region == NULL)
        return NULL;
      report->by_campaign = _rapport_analytics_breakdown (db, query, RAPPORT_ANALYTICS_BY_CAMPAIGN,
                                                         report->sales, error);
      if (report->by_campaign == NULL)
        return NULL;
    }
  if (parts & (RAPPORT_ANALYTICS_FUNNEL | RAPPORT_ANALYTICS_STAFF))
    {
      g_autoptr(RapportFunnel) funnel = _rapport_funnel_new ();

      staff_quotes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      if (!_rapport_analytics_read_funnel (db, query, funnel, staff_quotes, error))
        return NULL;
      if (parts & RAPPORT_ANALYTICS_FUNNEL)
        report->funnel = g_steal_pointer (&funnel);
    }
  if (parts & RAPPORT_ANALYTICS_OWED)
    {
      report->owed = _rapport_analytics_read_owed (db, query, error);
      if (report->owed == NULL)
        return NULL;
    }
  if (parts & RAPPORT_ANALYTICS_RFM)
    {
      report->rfm = read_rfm (db, error);
      if (report->rfm == NULL)
        return NULL;
    }
  if (parts & RAPPORT_ANALYTICS_AT_RISK)
    {
      report->at_risk = read_at_risk (db, query->to_day, query,
                                      (parts & RAPPORT_ANALYTICS_AT_RISK_ALL) ? -1 : RAPPORT_ANALYTICS_AT_RISK_SHOWN,
                                      error);
      if (report->at_risk == NULL
          || !count_at_risk (db, query->to_day, query, &report->at_risk_total, error))
        return NULL;
    }
  if ((parts & RAPPORT_ANALYTICS_STAFF)
      && !_rapport_analytics_read_staff (db, query, by_staff, staff_quotes, data->now, &report->staff, error))
    return NULL;
  return report;
}

/**
 * rapport_analytics_report:
 * @self: the analytics
 * @query: what to cover
 * @parts: which parts to fill in
 * @cancellable: (nullable): interrupts the queries
 * @error: return location for an error
 *
 * Returns: (transfer full): the figures, or %NULL with @error set
 */
RapportAnalyticsReport *
rapport_analytics_report (RapportAnalytics             *self,
                          const RapportAnalyticsQuery  *query,
                          RapportAnalyticsParts         parts,
                          GCancellable                 *cancellable,
                          GError                      **error)
{
  g_autoptr(RapportAnalyticsReport) report = NULL;
  ReportData data;

  g_return_val_if_fail (RAPPORT_IS_ANALYTICS (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!rapport_analytics_query_validate (query, error))
    return NULL;

  report = _rapport_analytics_report_new (query, parts & (RAPPORT_ANALYTICS_ALL | RAPPORT_ANALYTICS_AT_RISK_ALL));
  data.report = report;
  data.now = rapport_database_now (self->database);
  if (_rapport_database_read (self->database, report_on_reader, &data, cancellable, error) == NULL)
    return NULL;
  return g_steal_pointer (&report);
}

typedef struct
{
  RapportAnalyticsQuery *query;
  RapportAnalyticsParts  parts;
  RapportRfmSegment      segment;
} TaskData;

static void
task_data_free (TaskData *data)
{
  rapport_analytics_query_free (data->query);
  g_free (data);
}

static void
report_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;
  RapportAnalyticsReport *report;

  report = rapport_analytics_report (source_object, data->query, data->parts, cancellable, &error);
  if (report != NULL)
    g_task_return_pointer (task, report, (GDestroyNotify) rapport_analytics_report_unref);
  else
    g_task_return_error (task, error);
}

/**
 * rapport_analytics_report_async:
 *
 * rapport_analytics_report() on a worker thread.
 */
void
rapport_analytics_report_async (RapportAnalytics             *self,
                                const RapportAnalyticsQuery  *query,
                                RapportAnalyticsParts         parts,
                                GCancellable                 *cancellable,
                                GAsyncReadyCallback           callback,
                                gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (RAPPORT_IS_ANALYTICS (self));
  g_return_if_fail (query != NULL);

  data = g_new0 (TaskData, 1);
  data->query = rapport_analytics_query_copy (query);
  data->parts = parts;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_analytics_report_async);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, report_thread);
}

/**
 * rapport_analytics_report_finish:
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
RapportAnalyticsReport *
rapport_analytics_report_finish (RapportAnalytics  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Checking against the tables ---- */

static gpointer
sales_on_reader (RapportSqlite  *db,
                 gpointer        user_data,
                 GError        **error)
{
  return read_sales (db, user_data, FALSE, error);
}

/**
 * rapport_analytics_sales_from_orders:
 * @self: the analytics
 * @query: what to cover
 * @cancellable: (nullable): interrupts the queries
 * @error: return location for an error
 *
 * Sales as rapport_analytics_report() gives them, but read from the
 * orders and payments rather than from the summaries.
 *
 * Returns: (transfer full): the sales, or %NULL with @error set
 */
RapportSales *
rapport_analytics_sales_from_orders (RapportAnalytics             *self,
                                     const RapportAnalyticsQuery  *query,
                                     GCancellable                 *cancellable,
                                     GError                      **error)
{
  g_return_val_if_fail (RAPPORT_IS_ANALYTICS (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!rapport_analytics_query_validate (query, error))
    return NULL;
  return _rapport_database_read (self->database, sales_on_reader, (gpointer) query, cancellable, error);
}

/**
 * rapport_sales_free:
 * @sales: (nullable): sales from rapport_analytics_sales_from_orders()
 */
void
rapport_sales_free (RapportSales *sales)
{
  _rapport_sales_free (sales);
}

/* ---- RFM segments ---- */

static gpointer
list_segment_on_reader (RapportSqlite  *db,
                        gpointer        user_data,
                        GError        **error)
{
  RapportRfmSegment segment = GPOINTER_TO_INT (user_data);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;

  stmt = _rapport_sqlite_prepare (db, "SELECT client_id FROM client_scores WHERE segment = ?1 ORDER BY client_id",
                                  error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_text (stmt, 1, rapport_rfm_segment_to_string (segment));
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      gint64 id = _rapport_stmt_column_int (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&ids);
}

/**
 * rapport_analytics_list_segment:
 * @self: the analytics
 * @segment: a segment
 * @cancellable: (nullable): interrupts the query
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type gint64): the clients in
 *   @segment by the stored scores, by id
 */
GArray *
rapport_analytics_list_segment (RapportAnalytics   *self,
                                RapportRfmSegment   segment,
                                GCancellable       *cancellable,
                                GError            **error)
{
  g_return_val_if_fail (RAPPORT_IS_ANALYTICS (self), NULL);
  g_return_val_if_fail ((guint) segment < RAPPORT_RFM_N_SEGMENTS, NULL);

  return _rapport_database_read (self->database, list_segment_on_reader, GINT_TO_POINTER (segment),
                                 cancellable, error);
}

static void
list_segment_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;
  GArray *ids;

  ids = rapport_analytics_list_segment (source_object, data->segment, cancellable, &error);
  if (ids != NULL)
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
  else
    g_task_return_error (task, error);
}

void
rapport_analytics_list_segment_async (RapportAnalytics    *self,
                                      RapportRfmSegment    segment,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (RAPPORT_IS_ANALYTICS (self));

  data = g_new0 (TaskData, 1);
  data->segment = segment;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_analytics_list_segment_async);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, list_segment_thread);
}

/**
 * rapport_analytics_list_segment_finish:
 *
 * Returns: (transfer full) (element-type gint64): the client ids
 */
GArray *
rapport_analytics_list_segment_finish (RapportAnalytics  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- The summaries ---- */

#define SALES_DAYS_FROM_ORDERS \
  "SELECT ordered_on, coalesce(staff_id, 0), status, count(*), sum(total) FROM orders GROUP BY 1, 2, 3"
#define PAYMENT_DAYS_FROM_PAYMENTS \
  "SELECT p.paid_on, coalesce(o.staff_id, 0), o.status, sum(max(p.amount, 0)), sum(max(-p.amount, 0))" \
  " FROM payments p JOIN orders o ON o.id = p.order_id GROUP BY 1, 2, 3"
#define CLIENT_SALES_FROM_ORDERS \
  "SELECT client_id, min(ordered_on), max(ordered_on), count(*), sum(total) FROM orders" \
  " WHERE status IN " RAPPORT_ANALYTICS_COUNTED " GROUP BY client_id"

#define FOLLOW_UP_DONE_DAYS_FROM_INTERACTIONS \
  "SELECT day, staff_id, quarter, count(*) FROM follow_up_done_quarters GROUP BY 1, 2, 3"

#define FUNNEL_STATUS_MOMENTS \
  "SELECT order_id, min(CASE WHEN status = 'quoted' THEN changed_at END) AS quoted_at," \
  " min(CASE WHEN status = 'confirmed' THEN changed_at END) AS confirmed_at" \
  " FROM order_status_changes WHERE status IN ('quoted', 'confirmed') GROUP BY order_id"
#define FUNNEL_PAID_MOMENTS \
  "SELECT order_id, max(created_at) AS paid_at FROM payments GROUP BY order_id"
#define FUNNEL_DELIVERED_MOMENTS \
  "SELECT d.order_id, min(dc.changed_at) AS delivered_at FROM deliveries d" \
  " JOIN delivery_status_changes dc ON dc.delivery_id = d.id WHERE dc.status = 'delivered' GROUP BY d.order_id"
#define FUNNEL_FROM_TABLES \
  "SELECT o.id, s.quoted_at, s.confirmed_at, p.paid_at, d.delivered_at FROM orders o" \
  " LEFT JOIN (" FUNNEL_STATUS_MOMENTS ") s ON s.order_id = o.id" \
  " LEFT JOIN (" FUNNEL_PAID_MOMENTS ") p ON p.order_id = o.id" \
  " LEFT JOIN (" FUNNEL_DELIVERED_MOMENTS ") d ON d.order_id = o.id"

/* The C half of schema step 0008, and the rebuild: the summaries from the
 * orders and payments already there. */
gboolean
_rapport_analytics_fill_summaries (RapportSqlite  *db,
                                   GError        **error)
{
  return _rapport_sqlite_exec (db,
                               "DELETE FROM sales_days;"
                               "INSERT INTO sales_days (day, staff_id, status, orders, amount) "
                               SALES_DAYS_FROM_ORDERS ";"
                               "DELETE FROM payment_days;"
                               "INSERT INTO payment_days (day, staff_id, status, received, refunded) "
                               PAYMENT_DAYS_FROM_PAYMENTS ";"
                               "DELETE FROM client_sales;"
                               "INSERT INTO client_sales (client_id, first_day, last_day, orders, spent) "
                               CLIENT_SALES_FROM_ORDERS ";"
                               "DELETE FROM order_funnel;"
                               /* Each order's moments at once: the funnel
                                * by day (step 0013) follows every row. */
                               "INSERT INTO order_funnel (order_id, quoted_at, confirmed_at, paid_at, delivered_at) "
                               FUNNEL_FROM_TABLES ";",
                               error);
}

/**
 * rapport_analytics_rebuild_summaries:
 * @self: the analytics
 * @error: return location for an error
 *
 * Rebuilds the summaries from the orders and payments, in one transaction.
 *
 * Returns: whether they were rebuilt
 */
gboolean
rapport_analytics_rebuild_summaries (RapportAnalytics  *self,
                                     GError           **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (RAPPORT_IS_ANALYTICS (self), FALSE);

  if (!_rapport_database_begin (self->database, error))
    return FALSE;
  if (!_rapport_analytics_fill_summaries (_rapport_database_get_connection (self->database), &local_error)
      || !_rapport_analytics_fill_line_days (_rapport_database_get_connection (self->database), &local_error)
      || !_rapport_analytics_fill_line_kind_repeats (_rapport_database_get_connection (self->database), &local_error)
      || !_rapport_analytics_fill_funnel_days (_rapport_database_get_connection (self->database), &local_error)
      || !_rapport_analytics_fill_client_days (_rapport_database_get_connection (self->database), &local_error)
      || !_rapport_analytics_fill_staff_clients (_rapport_database_get_connection (self->database), &local_error)
      || !_rapport_analytics_fill_item_summaries (_rapport_database_get_connection (self->database), &local_error)
      || !_rapport_analytics_fill_item_owed (_rapport_database_get_connection (self->database), &local_error)
      || !_rapport_analytics_fill_item_funnel (_rapport_database_get_connection (self->database), &local_error)
      || !_rapport_analytics_rebuild_group_summaries (_rapport_database_get_connection (self->database), &local_error)
      || !_rapport_analytics_fill_group_owed (_rapport_database_get_connection (self->database), &local_error)
      || !_rapport_analytics_fill_group_activity (_rapport_database_get_connection (self->database), &local_error)
      || !_rapport_sqlite_exec (_rapport_database_get_connection (self->database),
                                "INSERT INTO client_due_moves (client_id) SELECT client_id FROM client_scores;"
                                "DELETE FROM follow_up_done_days;"
                                "INSERT INTO follow_up_done_days (day, staff_id, quarter, done) "
                                FOLLOW_UP_DONE_DAYS_FROM_INTERACTIONS ";"
                                "DELETE FROM reminder_days;"
                                "INSERT INTO reminder_days (source, day, due)"
                                " SELECT source, day, due FROM reminder_days_from_records;",
                                &local_error))
    {
      _rapport_database_rollback (self->database);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  _rapport_database_note_change (self->database, RAPPORT_KIND_ANALYTICS, 0);
  return _rapport_database_commit (self->database, error);
}

/* Runs each of @checks, each counting the rows where a summary and the
 * tables differ, and adds their counts to @mismatches. */
gboolean
_rapport_analytics_count_mismatches (RapportSqlite      *db,
                                     const char * const *checks,
                                     guint               n_checks,
                                     gint64             *mismatches,
                                     GError            **error)
{
  for (guint i = 0; i < n_checks; i++)
    {
      gint64 count;

      if (!_rapport_sqlite_get_int (db, checks[i], &count, error))
        return FALSE;
      *mismatches += count;
    }
  return TRUE;
}

static gpointer
check_on_reader (RapportSqlite  *db,
                 gpointer        user_data,
                 GError        **error)
{
  static const char *checks[] = {
    RAPPORT_ANALYTICS_DIFFERENCES ("day, staff_id, status, orders, amount", "sales_days",
                                   "orders <> 0 OR amount <> 0", SALES_DAYS_FROM_ORDERS),
    RAPPORT_ANALYTICS_DIFFERENCES ("day, staff_id, status, received, refunded", "payment_days",
                                   "received <> 0 OR refunded <> 0", PAYMENT_DAYS_FROM_PAYMENTS),
    RAPPORT_ANALYTICS_DIFFERENCES ("client_id, first_day, last_day, orders, spent", "client_sales",
                                   "true", CLIENT_SALES_FROM_ORDERS),
    RAPPORT_ANALYTICS_DIFFERENCES ("*", "order_funnel", "true", FUNNEL_FROM_TABLES),
    /* Step 0015: each regular client's due day and value. */
    "SELECT count(*) FROM client_scores s JOIN client_due_days d USING (client_id)"
    " WHERE s.due_day IS NOT d.due_day OR s.value IS NOT d.value",
    /* The follow-ups done, by the quarter hour (step 0015). */
    RAPPORT_ANALYTICS_DIFFERENCES ("*", "follow_up_done_days", "done <> 0", FOLLOW_UP_DONE_DAYS_FROM_INTERACTIONS),
    /* What is due by day, for the agenda (step 0017). */
    RAPPORT_ANALYTICS_DIFFERENCES ("source, day, due", "reminder_days", "true",
                                   "SELECT source, day, due FROM reminder_days_from_records"),
  };
  gint64 mismatches = 0;

  if (!_rapport_analytics_count_mismatches (db, checks, G_N_ELEMENTS (checks), &mismatches, error)
      || !_rapport_analytics_check_funnel_days (db, &mismatches, error))
    return NULL;
  {
    gint64 count, line_count, staff_count, item_count, group_count, activity_count;

    if (!_rapport_analytics_check_client_days (db, &count, error)
        || !_rapport_analytics_check_line_summaries (db, &line_count, error)
        || !_rapport_analytics_check_staff_clients (db, &staff_count, error)
        || !_rapport_analytics_check_item_summaries (db, &item_count, error)
        || !_rapport_analytics_check_group_summaries (db, &group_count, error)
        || !_rapport_analytics_check_group_activity (db, &activity_count, error))
      return NULL;
    mismatches += count + line_count + staff_count + item_count + group_count + activity_count;
  }
  if (mismatches > 0)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, mismatches);

      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The analytics summaries differ from the orders and payments in %s place; "
                                "rebuild them with “rapport-cli report rebuild”.",
                                "The analytics summaries differ from the orders and payments in %s places; "
                                "rebuild them with “rapport-cli report rebuild”.",
                                (gulong) MIN (mismatches, 1000000)),
                   count);
      return NULL;
    }
  return GINT_TO_POINTER (TRUE);
}

/**
 * rapport_analytics_check_summaries:
 * @self: the analytics
 * @error: return location for an error
 *
 * Returns: whether the summaries hold exactly what the orders and payments
 *   say; %FALSE with a %RAPPORT_ERROR_CORRUPT error when they do not
 */
gboolean
rapport_analytics_check_summaries (RapportAnalytics  *self,
                                   GError           **error)
{
  g_return_val_if_fail (RAPPORT_IS_ANALYTICS (self), FALSE);

  return _rapport_database_read (self->database, check_on_reader, NULL, NULL, error) != NULL;
}

/* ---- Reminders of clients slipping away ---- */

/* The day a regular is due back, as step 15 keeps it: read through its
 * index, so that what is due is a range of it, not a look at every
 * regular (half a second on the benchmark's 100,000 clients). */
#define WIN_BACK_DUE "s.due_day"
#define WIN_BACK_FROM \
  " FROM client_scores s JOIN clients c ON c.id = s.client_id" \
  " LEFT JOIN client_sales cs ON cs.client_id = s.client_id" \
  " LEFT JOIN win_back_done d ON d.client_id = s.client_id AND d.last_day = " RAPPORT_ANALYTICS_LAST_DAY \
  " WHERE s.usual_interval IS NOT NULL AND c.archived_at IS NULL"
#define WIN_BACK_COLUMNS \
  "SELECT s.client_id, c.display_name, s.usual_interval, " RAPPORT_ANALYTICS_LAST_DAY ", " WIN_BACK_DUE "," \
  " coalesce(c.owner_id, 0), coalesce((SELECT name FROM staff WHERE id = c.owner_id), ''), d.done_at IS NOT NULL"

static RapportReminder *
win_back_from_row (RapportStmt *stmt,
                   const char  *source)
{
  RapportReminder *reminder = rapport_reminder_new (source, _rapport_stmt_column_int (stmt, 0));
  gint64 interval = _rapport_stmt_column_int (stmt, 2);
  g_autofree char *name = g_utf8_make_valid (_rapport_stmt_column_text (stmt, 1), -1);

  reminder->client_id = reminder->item_id;
  g_free (reminder->client_name);
  reminder->client_name = g_strdup (name);
  reminder->due_on = g_strdup (_rapport_stmt_column_text (stmt, 4));
  reminder->staff_id = _rapport_stmt_column_int (stmt, 5);
  g_free (reminder->staff_name);
  reminder->staff_name = g_utf8_make_valid (_rapport_stmt_column_text (stmt, 6), -1);
  reminder->done = _rapport_stmt_column_int (stmt, 7) != 0;
  reminder->open_kind = RAPPORT_REMINDER_OPEN_CLIENT;
  reminder->open_id = reminder->item_id;
  g_free (reminder->title);
  /* TRANSLATORS: a reminder; %s is a client's name */
  reminder->title = g_strdup_printf (_("%s is overdue for a visit"), name);
  reminder->usual_interval = CLAMP (interval, 0, G_MAXINT);
  reminder->last_on = g_utf8_make_valid (_rapport_stmt_column_text (stmt, 3), -1);
  return reminder;
}

gboolean
_rapport_analytics_collect_win_backs (RapportDatabase             *database,
                                      const char                  *source,
                                      const RapportReminderRange  *range,
                                      GPtrArray                   *into,
                                      GError                     **error)
{
  RapportSqlite *db = _rapport_database_get_connection (database);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;

  stmt = _rapport_sqlite_prepare (db, range->newest_first
                                  ? WIN_BACK_COLUMNS WIN_BACK_FROM " AND d.client_id IS NULL AND "
                                    WIN_BACK_DUE " BETWEEN ?1 AND ?2 ORDER BY 5 DESC, 1 DESC LIMIT ?3"
                                  : WIN_BACK_COLUMNS WIN_BACK_FROM " AND d.client_id IS NULL AND "
                                    WIN_BACK_DUE " BETWEEN ?1 AND ?2 ORDER BY 5, 1 LIMIT ?3", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, range->from_day ? range->from_day : "");
  _rapport_stmt_bind_text (stmt, 2, range->to_day);
  _rapport_stmt_bind_int (stmt, 3, range->limit > 0 ? (gint64) range->limit : -1);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    g_ptr_array_add (into, win_back_from_row (stmt, source));
  return ok;
}

gboolean
_rapport_analytics_count_win_backs (RapportDatabase  *database,
                                    const char       *from_day,
                                    const char       *to_day,
                                    guint            *n,
                                    GError          **error)
{
  RapportSqlite *db = _rapport_database_get_connection (database);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  /* The regulars due on those days, from the counts a day of step 0017,
   * less the few whose absence was marked done: those are read first
   * (CROSS JOIN keeps that order), never the regulars due. */
  stmt = _rapport_sqlite_prepare (db, "SELECT (SELECT coalesce(sum(due), 0) FROM reminder_days"
                                  "         WHERE source = 'slipping-away' AND day BETWEEN ?1 AND ?2)"
                                  " - (SELECT count(*) FROM win_back_done d"
                                  "      CROSS JOIN client_scores s ON s.client_id = d.client_id"
                                  "      LEFT JOIN client_sales cs ON cs.client_id = s.client_id"
                                  "     WHERE d.last_day = " RAPPORT_ANALYTICS_LAST_DAY
                                  "       AND " WIN_BACK_DUE " BETWEEN ?1 AND ?2)", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, from_day ? from_day : "");
  _rapport_stmt_bind_text (stmt, 2, to_day);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  *n = has_row ? (guint) CLAMP (_rapport_stmt_column_int (stmt, 0), 0, G_MAXUINT) : 0;
  return TRUE;
}

RapportReminder *
_rapport_analytics_get_win_back (RapportDatabase  *database,
                                 const char       *source,
                                 gint64            client_id,
                                 GError          **error)
{
  RapportSqlite *db = _rapport_database_get_connection (database);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  stmt = _rapport_sqlite_prepare (db, WIN_BACK_COLUMNS WIN_BACK_FROM " AND s.client_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, client_id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                   _("This client is no longer a regular slipping away."));
      return NULL;
    }
  return win_back_from_row (stmt, source);
}

gboolean
_rapport_analytics_set_win_back_done (RapportDatabase  *database,
                                      gint64            client_id,
                                      gboolean          done,
                                      GError          **error)
{
  RapportSqlite *db = _rapport_database_get_connection (database);
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = _rapport_sqlite_prepare (db, done
                                  ? "INSERT OR REPLACE INTO win_back_done (client_id, last_day, done_at)"
                                    " SELECT s.client_id, " RAPPORT_ANALYTICS_LAST_DAY ", ?2 FROM client_scores s"
                                    " LEFT JOIN client_sales cs ON cs.client_id = s.client_id WHERE s.client_id = ?1"
                                  : "DELETE FROM win_back_done WHERE client_id = ?1 AND ?2 IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, client_id);
  _rapport_stmt_bind_int (stmt, 2, rapport_database_now (database));
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;
  if (done && _rapport_sqlite_changes (db) == 0)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                   _("This client is no longer a regular slipping away."));
      return FALSE;
    }
  _rapport_database_note_change (database, RAPPORT_KIND_ANALYTICS, client_id);
  return TRUE;
}
