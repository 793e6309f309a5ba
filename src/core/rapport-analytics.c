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

#define COUNTED RAPPORT_ANALYTICS_COUNTED
#define LINE_MATCH " AND (?6 = 0 OR l.catalog_item_id = ?6) AND (?7 IS NULL OR l.kind = ?7)"

static gboolean
is_counted (const char *status)
{
  return g_strcmp0 (status, "confirmed") == 0 || g_strcmp0 (status, "fulfilled") == 0
         || g_strcmp0 (status, "closed") == 0;
}

/* The summaries are kept by day, staff and status: a filter on items or
 * clients reads the orders themselves. */
static gboolean
uses_summaries (const RapportAnalyticsQuery *query)
{
  return query->catalog_item_id == 0 && query->item_kind == NULL
         && query->client_tag == NULL && query->place == NULL;
}

static gboolean
has_line_filter (const RapportAnalyticsQuery *query)
{
  return query->catalog_item_id != 0 || query->item_kind != NULL;
}

/* Conditions on the clients @column holds, for the query's filters. */
static void
append_client_filters (GString                     *sql,
                       const RapportAnalyticsQuery *query,
                       const char                  *column)
{
  if (query->client_tag != NULL)
    g_string_append_printf (sql, " AND %s IN (SELECT ct.client_id FROM client_tags ct"
                            " JOIN tags t ON t.id = ct.tag_id WHERE t.name = ?4)", column);
  if (query->place != NULL)
    g_string_append_printf (sql, " AND %s IN (SELECT a.client_id FROM client_addresses a"
                            " WHERE a.locality = ?5 COLLATE NOCASE OR a.region = ?5 COLLATE NOCASE)", column);
}

/* Conditions on the orders “o” for the query's filters. */
static void
append_order_filters (GString                     *sql,
                      const RapportAnalyticsQuery *query)
{
  if (query->staff_id > 0)
    g_string_append (sql, " AND o.staff_id = ?3");
  append_client_filters (sql, query, "o.client_id");
  if (has_line_filter (query))
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id" LINE_MATCH ")");
}

/* What an order “o” comes to under the query: its total or, filtered by
 * item, the total of the matching lines. */
static const char *
order_amount (const RapportAnalyticsQuery *query)
{
  return has_line_filter (query)
         ? "(SELECT sum(l.gross) FROM order_lines l WHERE l.order_id = o.id" LINE_MATCH ")"
         : "o.total";
}

/* The first moment of @day and of the day after it on the local clock,
 * UTC seconds. */
static gint64
local_day_start (const char *day,
                 int         days_after)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) start = NULL;
  GDate date;

  if (!_rapport_analytics_parse_day (day, &date))
    return 0;
  g_date_add_days (&date, (guint) days_after);
  start = g_date_time_new (zone, g_date_get_year (&date), g_date_get_month (&date),
                           g_date_get_day (&date), 0, 0, 0);
  return start ? g_date_time_to_unix (start) : 0;
}

static RapportStmt *
prepare_query (RapportSqlite                *db,
               const char                   *sql,
               const RapportAnalyticsQuery  *query,
               GError                      **error)
{
  RapportStmt *stmt = _rapport_sqlite_prepare (db, sql, error);

  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_text (stmt, 1, query->from_day);
  _rapport_stmt_bind_text (stmt, 2, query->to_day);
  _rapport_stmt_bind_int (stmt, 3, query->staff_id);
  _rapport_stmt_bind_text_or_null (stmt, 4, query->client_tag);
  _rapport_stmt_bind_text_or_null (stmt, 5, query->place);
  _rapport_stmt_bind_int (stmt, 6, query->catalog_item_id);
  _rapport_stmt_bind_text_or_null (stmt, 7, query->item_kind);
  _rapport_stmt_bind_int (stmt, 8, local_day_start (query->from_day, 0));
  _rapport_stmt_bind_int (stmt, 9, local_day_start (query->to_day, 1));
  return stmt;
}

/* The bucket holding @day: the last whose first day is not after it. */
static RapportSalesPoint *
point_for_day (GPtrArray  *points,
               const char *day)
{
  guint low = 0, high = points->len;

  g_assert (points->len > 0);
  while (high - low > 1)
    {
      guint middle = (low + high) / 2;
      RapportSalesPoint *point = g_ptr_array_index (points, middle);

      if (strcmp (point->start_day, day) <= 0)
        low = middle;
      else
        high = middle;
    }
  return g_ptr_array_index (points, low);
}

/* ---- Sales ---- */

static gboolean
add_order_rows (RapportSqlite                *db,
                const char                   *sql,
                const RapportAnalyticsQuery  *query,
                RapportSales                 *sales,
                GError                      **error)
{
  g_autoptr(RapportStmt) stmt = prepare_query (db, sql, query, error);
  gboolean has_row, ok;

  if (stmt == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      RapportSalesPoint *point = point_for_day (sales->points, _rapport_stmt_column_text (stmt, 0));
      const char *status = _rapport_stmt_column_text (stmt, 1);
      gint64 count = _rapport_stmt_column_int (stmt, 2), amount = _rapport_stmt_column_int (stmt, 3);

      if (is_counted (status))
        {
          point->orders += (guint) count;
          point->invoiced += amount;
        }
      else if (g_strcmp0 (status, "cancelled") == 0)
        {
          point->cancelled += (guint) count;
          point->cancelled_value += amount;
        }
    }
  return ok;
}

static gboolean
add_payment_rows (RapportSqlite                *db,
                  const char                   *sql,
                  const RapportAnalyticsQuery  *query,
                  RapportSales                 *sales,
                  gint64                       *counted_refunds,
                  GError                      **error)
{
  g_autoptr(RapportStmt) stmt = prepare_query (db, sql, query, error);
  gboolean has_row, ok;

  if (stmt == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      RapportSalesPoint *point = point_for_day (sales->points, _rapport_stmt_column_text (stmt, 0));
      gint64 received = _rapport_stmt_column_int (stmt, 2), refunded = _rapport_stmt_column_int (stmt, 3);

      point->paid += received - refunded;
      point->refunded += refunded;
      if (is_counted (_rapport_stmt_column_text (stmt, 1)))
        *counted_refunds += refunded;
    }
  return ok;
}

/* New clients bought first in the period; returning ones had bought
 * before and bought in it. Unfiltered, that is read from each client's
 * first and last day; only a client who bought again after the period is
 * looked up in the orders. */
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

  if (from_summaries && query->staff_id == 0)
    sql = g_string_new ("SELECT (SELECT count(*) FROM client_sales WHERE first_day BETWEEN ?1 AND ?2)"
                        " + count(*), (SELECT count(*) FROM client_sales WHERE first_day BETWEEN ?1 AND ?2)"
                        " FROM client_sales cs WHERE cs.last_day >= ?1 AND cs.first_day < ?1"
                        " AND (cs.last_day <= ?2 OR EXISTS (SELECT 1 FROM orders o WHERE o.client_id = cs.client_id"
                        " AND o.ordered_on BETWEEN ?1 AND ?2 AND o.status IN " COUNTED "))");
  else
    {
      sql = g_string_new ("SELECT count(*), total(cs.first_day >= ?1) FROM client_sales cs"
                          " WHERE cs.client_id IN (SELECT o.client_id FROM orders o"
                          " WHERE o.ordered_on BETWEEN ?1 AND ?2 AND o.status IN " COUNTED);
      append_order_filters (sql, query);
      g_string_append_c (sql, ')');
    }
  stmt = prepare_query (db, sql->str, query, error);
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
  if (query->staff_id == 0 && uses_summaries (query))
    return _rapport_analytics_read_all_sales (db, query, from_summaries, error);

  sales = _rapport_sales_new_for_query (query);
  if (from_summaries)
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
    {
      orders_sql = g_string_new (NULL);
      g_string_printf (orders_sql, "SELECT o.ordered_on, o.status, count(*), sum(%s) FROM orders o"
                       " WHERE o.ordered_on BETWEEN ?1 AND ?2", order_amount (query));
      append_order_filters (orders_sql, query);
      g_string_append (orders_sql, " GROUP BY 1, 2");
      if (query->staff_id > 0 || !uses_summaries (query))
        {
          payments_sql = g_string_new ("SELECT p.paid_on, o.status, sum(max(p.amount, 0)), sum(max(-p.amount, 0))"
                                       " FROM payments p JOIN orders o ON o.id = p.order_id"
                                       " WHERE p.paid_on BETWEEN ?1 AND ?2");
          append_order_filters (payments_sql, query);
          g_string_append (payments_sql, " GROUP BY 1, 2");
        }
      else
        /* Unfiltered, only a refund needs its order's status (is it
         * taken off the sales?): the payments are read from their index. */
        payments_sql = g_string_new ("SELECT p.paid_on, CASE WHEN p.amount < 0"
                                     " THEN (SELECT o.status FROM orders o WHERE o.id = p.order_id) ELSE '' END,"
                                     " sum(max(p.amount, 0)), sum(max(-p.amount, 0))"
                                     " FROM payments p WHERE p.paid_on BETWEEN ?1 AND ?2 GROUP BY 1, 2");
    }

  if (sales->points->len == 0
      || !add_order_rows (db, orders_sql->str, query, sales, error)
      || !add_payment_rows (db, payments_sql->str, query, sales, &counted_refunds, error)
      || !count_clients (db, query, from_summaries, sales, error))
    return NULL;
  _rapport_sales_add_up (sales, counted_refunds);
  return g_steal_pointer (&sales);
}

/* ---- Sales by product, staff, region, campaign ---- */

static gboolean
read_breakdown (RapportSqlite                *db,
                const char                   *sql,
                const RapportAnalyticsQuery  *query,
                GPtrArray                    *rows,
                GError                      **error)
{
  g_autoptr(RapportStmt) stmt = prepare_query (db, sql, query, error);
  gboolean has_row, ok;

  if (stmt == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      RapportBreakdownRow *row = g_new0 (RapportBreakdownRow, 1);

      row->id = _rapport_stmt_column_int (stmt, 0);
      row->label = g_utf8_make_valid (_rapport_stmt_column_text (stmt, 1), -1);
      row->orders = (guint) _rapport_stmt_column_int (stmt, 2);
      row->invoiced = _rapport_stmt_column_int (stmt, 3);
      g_ptr_array_add (rows, row);
    }
  return ok;
}

static int
compare_breakdown_rows (gconstpointer a,
                        gconstpointer b)
{
  const RapportBreakdownRow *x = *(RapportBreakdownRow * const *) a;
  const RapportBreakdownRow *y = *(RapportBreakdownRow * const *) b;

  if (x->invoiced != y->invoiced)
    return x->invoiced > y->invoiced ? -1 : 1;
  if (x->id != y->id)
    return x->id < y->id ? -1 : 1;
  return g_strcmp0 (x->label, y->label);
}

static GPtrArray *
breakdown (RapportSqlite                *db,
           const RapportAnalyticsQuery  *query,
           RapportAnalyticsDimension     dimension,
           const RapportSales           *sales,
           GError                      **error)
{
  g_autoptr(GPtrArray) rows = _rapport_breakdown_rows_new ();
  g_autoptr(GString) sql = g_string_new (NULL);

  switch (dimension)
    {
    case RAPPORT_ANALYTICS_BY_PRODUCT:
      if (query->client_tag == NULL && query->place == NULL)
        {
          /* The lines by day carry the staff and item filters. */
          g_string_append_printf (sql, "SELECT d.item_id, CASE WHEN d.item_id = 0 THEN d.name"
                                  " ELSE coalesce(ci.name, '') END, sum(d.orders), sum(d.amount)"
                                  " FROM line_days d LEFT JOIN catalog_items ci ON ci.id = nullif(d.item_id, 0)"
                                  " WHERE d.day BETWEEN ?1 AND ?2 AND d.status IN " COUNTED
                                  " AND (?6 = 0 OR d.item_id = ?6) AND (?7 IS NULL OR d.kind = ?7)%s"
                                  " GROUP BY d.item_id, d.name HAVING sum(d.orders) > 0",
                                  query->staff_id > 0 ? " AND d.staff_id = ?3" : "");
          break;
        }
      g_string_append (sql, "SELECT coalesce(l.catalog_item_id, 0), max(coalesce(ci.name, l.name)),"
                       " count(DISTINCT o.id), sum(l.gross)"
                       " FROM orders o JOIN order_lines l ON l.order_id = o.id"
                       " LEFT JOIN catalog_items ci ON ci.id = l.catalog_item_id"
                       " WHERE o.ordered_on BETWEEN ?1 AND ?2 AND o.status IN " COUNTED);
      if (has_line_filter (query))
        g_string_append (sql, LINE_MATCH);
      if (query->staff_id > 0)
        g_string_append (sql, " AND o.staff_id = ?3");
      append_client_filters (sql, query, "o.client_id");
      g_string_append (sql, " GROUP BY 1, CASE WHEN l.catalog_item_id IS NULL THEN l.name END");
      break;
    case RAPPORT_ANALYTICS_BY_STAFF:
      if (uses_summaries (query))
        g_string_append_printf (sql, "SELECT d.staff_id, coalesce(s.name, ''), sum(d.orders), sum(d.amount)"
                                " FROM sales_days d LEFT JOIN staff s ON s.id = d.staff_id"
                                " WHERE d.day BETWEEN ?1 AND ?2 AND d.status IN " COUNTED "%s"
                                " GROUP BY d.staff_id HAVING sum(d.orders) > 0",
                                query->staff_id > 0 ? " AND d.staff_id = ?3" : "");
      else
        {
          g_string_append_printf (sql, "SELECT coalesce(o.staff_id, 0), coalesce(s.name, ''), count(*), sum(%s)"
                                  " FROM orders o LEFT JOIN staff s ON s.id = o.staff_id"
                                  " WHERE o.ordered_on BETWEEN ?1 AND ?2 AND o.status IN " COUNTED,
                                  order_amount (query));
          append_order_filters (sql, query);
          g_string_append (sql, " GROUP BY 1");
        }
      break;
    case RAPPORT_ANALYTICS_BY_REGION:
      /* Each client's orders first, then one look at the client's
       * first address: a look an order costs seconds a year. The orders
       * come from the index of sales by day, which holds all it needs
       * (the planner's choice, the index by status, looks up each row). */
      g_string_append_printf (sql, "SELECT 0, coalesce((SELECT coalesce(nullif(trim(a.region), ''), trim(a.locality))"
                              " FROM client_addresses a WHERE a.client_id = per.client_id"
                              " ORDER BY a.position LIMIT 1), '') AS place, sum(per.n), sum(per.amount)"
                              " FROM (SELECT o.client_id, count(*) AS n, sum(%s) AS amount"
                              " FROM orders o INDEXED BY orders_sales_by_day"
                              " WHERE o.ordered_on BETWEEN ?1 AND ?2 AND o.status IN " COUNTED,
                              order_amount (query));
      append_order_filters (sql, query);
      g_string_append (sql, " GROUP BY o.client_id) per GROUP BY place");
      break;
    case RAPPORT_ANALYTICS_BY_CAMPAIGN:
      /* Only the orders of a campaign are read; the rest is the row of none.
       * Without its index the planner reads every counted order. */
      g_string_append_printf (sql, "SELECT o.campaign_id, coalesce(c.name, ''), count(*), sum(%s)"
                              " FROM orders o INDEXED BY orders_by_campaign"
                              " LEFT JOIN campaigns c ON c.id = o.campaign_id"
                              " WHERE o.campaign_id IS NOT NULL AND +o.ordered_on BETWEEN ?1 AND ?2"
                              " AND o.status IN " COUNTED, order_amount (query));
      append_order_filters (sql, query);
      g_string_append (sql, " GROUP BY 1");
      break;
    default:
      g_assert_not_reached ();
    }

  if (!read_breakdown (db, sql->str, query, rows, error))
    return NULL;

  if (dimension == RAPPORT_ANALYTICS_BY_CAMPAIGN)
    {
      RapportBreakdownRow *none = g_new0 (RapportBreakdownRow, 1);

      none->label = g_strdup ("");
      none->orders = sales->orders;
      none->invoiced = sales->invoiced;
      for (guint i = 0; i < rows->len; i++)
        {
          RapportBreakdownRow *row = g_ptr_array_index (rows, i);

          none->orders -= MIN (none->orders, row->orders);
          none->invoiced -= row->invoiced;
        }
      if (none->orders > 0 || none->invoiced != 0)
        g_ptr_array_add (rows, none);
      else
        _rapport_breakdown_row_free (none);
    }
  g_ptr_array_sort (rows, compare_breakdown_rows);
  return g_steal_pointer (&rows);
}

/* ---- The funnel, and each staff member's quotes ---- */

typedef struct
{
  guint quotes_won;
  guint quotes_lost;
} StaffQuotes;

static gboolean
read_funnel (RapportSqlite                *db,
             const RapportAnalyticsQuery  *query,
             RapportFunnel                *funnel,
             GHashTable                   *staff_quotes,
             GError                      **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GPtrArray) durations = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  GArray *times[RAPPORT_FUNNEL_N_STAGES];
  RapportFunnelStep *steps[RAPPORT_FUNNEL_N_STAGES];
  gboolean has_row, ok;

  for (guint i = 0; i < RAPPORT_FUNNEL_N_STAGES; i++)
    {
      steps[i] = g_new0 (RapportFunnelStep, 1);
      steps[i]->stage = (RapportFunnelStage) i;
      g_ptr_array_add (funnel->steps, steps[i]);
      times[i] = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_ptr_array_add (durations, times[i]);
    }

  g_string_printf (sql, "SELECT o.status, %s, o.total > 0 AND o.paid >= o.total, coalesce(o.staff_id, 0),"
                   " f.quoted_at, f.confirmed_at, f.paid_at, f.delivered_at"
                   " FROM orders o INDEXED BY orders_sales_by_day JOIN order_funnel f ON f.order_id = o.id"
                   " WHERE o.ordered_on BETWEEN ?1 AND ?2 AND o.status <> 'draft'",
                   order_amount (query));
  append_order_filters (sql, query);
  stmt = prepare_query (db, sql->str, query, error);
  if (stmt == NULL)
    return FALSE;

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      const char *status = _rapport_stmt_column_text (stmt, 0);
      gint64 value = _rapport_stmt_column_int (stmt, 1);
      gboolean paid = _rapport_stmt_column_int (stmt, 2) != 0;
      gint64 staff_id = _rapport_stmt_column_int (stmt, 3);
      gboolean quoted = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
      gboolean confirmed_seen = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
      gboolean delivered = sqlite3_column_type (stmt, 7) != SQLITE_NULL;
      gint64 moments[RAPPORT_FUNNEL_N_STAGES] = {
        _rapport_stmt_column_int (stmt, 4), _rapport_stmt_column_int (stmt, 5),
        _rapport_stmt_column_int (stmt, 6), _rapport_stmt_column_int (stmt, 7),
      };
      gboolean reached[RAPPORT_FUNNEL_N_STAGES];
      gboolean has_moment[RAPPORT_FUNNEL_N_STAGES] = {
        quoted, confirmed_seen, paid && sqlite3_column_type (stmt, 6) != SQLITE_NULL, delivered,
      };
      StaffQuotes *quotes = NULL;

      reached[RAPPORT_FUNNEL_QUOTED] = TRUE;
      reached[RAPPORT_FUNNEL_CONFIRMED] = is_counted (status) || confirmed_seen;
      reached[RAPPORT_FUNNEL_PAID] = reached[RAPPORT_FUNNEL_CONFIRMED] && paid;
      reached[RAPPORT_FUNNEL_DELIVERED] = delivered;

      for (guint i = 0; i < RAPPORT_FUNNEL_N_STAGES; i++)
        if (reached[i])
          {
            steps[i]->count++;
            steps[i]->value += value;
            if (i > 0 && has_moment[i] && has_moment[i - 1] && moments[i] >= moments[i - 1])
              {
                gint64 spent = moments[i] - moments[i - 1];
                g_array_append_val (times[i], spent);
              }
          }

      if (staff_quotes != NULL)
        {
          quotes = g_hash_table_lookup (staff_quotes, &staff_id);
          if (quotes == NULL)
            {
              gint64 *key = g_memdup2 (&staff_id, sizeof staff_id);
              quotes = g_new0 (StaffQuotes, 1);
              g_hash_table_insert (staff_quotes, key, quotes);
            }
        }
      if (quoted && is_counted (status))
        {
          funnel->won++;
          funnel->won_value += value;
          if (quotes != NULL)
            quotes->quotes_won++;
        }
      else if (g_strcmp0 (status, "lost") == 0 && quotes != NULL)
        quotes->quotes_lost++;
    }
  if (!ok)
    return FALSE;

  for (guint i = 0; i < RAPPORT_FUNNEL_N_STAGES; i++)
    {
      steps[i]->median_seconds = i == 0 ? -1 : _rapport_analytics_median (times[i]);
      if (i == 0)
        steps[i]->conversion = 1.0;
      else
        steps[i]->conversion = steps[i - 1]->count > 0 ? (double) steps[i]->count / steps[i - 1]->count : 0.0;
    }
  return TRUE;
}

static gboolean
read_lost_reasons (RapportSqlite                *db,
                   const RapportAnalyticsQuery  *query,
                   RapportFunnel                *funnel,
                   GError                      **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;

  g_string_printf (sql, "SELECT coalesce(o.lost_reason_id, 0), coalesce(r.name, ''), count(*), sum(%s)"
                   " FROM orders o LEFT JOIN order_lost_reasons r ON r.id = o.lost_reason_id"
                   " WHERE o.status = 'lost' AND o.ordered_on BETWEEN ?1 AND ?2",
                   order_amount (query));
  append_order_filters (sql, query);
  g_string_append (sql, " GROUP BY 1 ORDER BY 4 DESC, 1");
  stmt = prepare_query (db, sql->str, query, error);
  if (stmt == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      RapportLostReasonRow *row = g_new0 (RapportLostReasonRow, 1);

      row->reason_id = _rapport_stmt_column_int (stmt, 0);
      row->name = g_utf8_make_valid (_rapport_stmt_column_text (stmt, 1), -1);
      row->count = (guint) _rapport_stmt_column_int (stmt, 2);
      row->value = _rapport_stmt_column_int (stmt, 3);
      funnel->lost += row->count;
      funnel->lost_value += row->value;
      g_ptr_array_add (funnel->lost_reasons, row);
    }
  return ok;
}

/* ---- Money owed ---- */

static GPtrArray *
read_owed (RapportSqlite                *db,
           const RapportAnalyticsQuery  *query,
           GError                      **error)
{
  g_autoptr(GPtrArray) buckets = _rapport_ageing_buckets_new ();
  g_autoptr(GString) sql = g_string_new ("SELECT o.id, o.payment_due_on, o.total - o.paid"
                                         " FROM orders o INDEXED BY orders_unpaid"
                                         " WHERE o.paid < o.total AND o.status IN " COUNTED
                                         " AND o.ordered_on <= ?2");
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;
  GDate as_of;

  append_order_filters (sql, query);
  g_string_append (sql, " ORDER BY o.payment_due_on, o.id");
  if (!_rapport_analytics_parse_day (query->to_day, &as_of))
    g_assert_not_reached ();
  stmt = prepare_query (db, sql->str, query, error);
  if (stmt == NULL)
    return NULL;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      gint64 id = _rapport_stmt_column_int (stmt, 0);
      GDate due;
      int late = 0;
      RapportAgeingBucket *bucket;

      if (_rapport_analytics_parse_day (_rapport_stmt_column_text (stmt, 1), &due))
        late = g_date_days_between (&due, &as_of);
      bucket = g_ptr_array_index (buckets, late <= 30 ? 0 : late <= 60 ? 1 : late <= 90 ? 2 : 3);
      bucket->count++;
      bucket->amount += _rapport_stmt_column_int (stmt, 2);
      g_array_append_val (bucket->order_ids, id);
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&buckets);
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
  stmt = _rapport_sqlite_prepare (db, "SELECT s.segment, count(*), coalesce(sum(cs.spent), 0)"
                                  " FROM client_scores s LEFT JOIN client_sales cs USING (client_id)"
                                  " WHERE s.segment IS NOT NULL GROUP BY s.segment", error);
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

static int
compare_at_risk (gconstpointer a,
                 gconstpointer b)
{
  const RapportAtRiskClient *x = *(RapportAtRiskClient * const *) a;
  const RapportAtRiskClient *y = *(RapportAtRiskClient * const *) b;

  if (x->revenue != y->revenue)
    return x->revenue > y->revenue ? -1 : 1;
  return (x->client_id > y->client_id) - (x->client_id < y->client_id);
}

/* Regular clients not back for twice their usual interval as of @as_of
 * (`YYYY-MM-DD`), most valuable first. The last day is the later of the
 * scored one and the last order since. */
static GPtrArray *
read_at_risk (RapportSqlite                *db,
              const char                   *as_of_day,
              const RapportAnalyticsQuery  *query,
              GError                      **error)
{
  g_autoptr(GPtrArray) clients = _rapport_at_risk_clients_new ();
  g_autoptr(GString) sql = g_string_new ("SELECT s.client_id, c.display_name, s.visits, s.usual_interval,"
                                         " " RAPPORT_ANALYTICS_LAST_DAY ", coalesce(cs.spent, 0)"
                                         " FROM client_scores s JOIN clients c ON c.id = s.client_id"
                                         " LEFT JOIN client_sales cs ON cs.client_id = s.client_id"
                                         " WHERE c.archived_at IS NULL AND "
                                         RAPPORT_ANALYTICS_SLIPPING_AWAY ("?11"));
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;
  GDate as_of;

  if (!_rapport_analytics_parse_day (as_of_day, &as_of))
    g_assert_not_reached ();
  if (query != NULL)
    {
      if (query->staff_id > 0)
        g_string_append (sql, " AND c.owner_id = ?3");
      append_client_filters (sql, query, "s.client_id");
    }
  stmt = query ? prepare_query (db, sql->str, query, error) : _rapport_sqlite_prepare (db, sql->str, error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_text (stmt, 11, as_of_day);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      gint64 interval = _rapport_stmt_column_int (stmt, 3);
      GDate last;
      int away;
      RapportAtRiskClient *client;

      if (!_rapport_analytics_parse_day (_rapport_stmt_column_text (stmt, 4), &last) || interval <= 0)
        continue;
      away = g_date_days_between (&last, &as_of);
      client = g_new0 (RapportAtRiskClient, 1);
      client->client_id = _rapport_stmt_column_int (stmt, 0);
      client->name = g_utf8_make_valid (_rapport_stmt_column_text (stmt, 1), -1);
      client->visits = (guint) CLAMP (_rapport_stmt_column_int (stmt, 2), 0, G_MAXUINT);
      client->usual_interval_days = (int) MIN (interval, G_MAXINT);
      client->last_day = g_strdup (_rapport_stmt_column_text (stmt, 4));
      client->days_away = away;
      client->revenue = _rapport_stmt_column_int (stmt, 5);
      g_ptr_array_add (clients, client);
    }
  if (!ok)
    return NULL;
  g_ptr_array_sort (clients, compare_at_risk);
  return g_steal_pointer (&clients);
}

/* ---- Staff ---- */

static void
append_interaction_filters (GString                     *sql,
                          const RapportAnalyticsQuery *query)
{
  if (query->staff_id > 0)
    g_string_append (sql, " AND i.staff_id = ?3");
  append_client_filters (sql, query, "i.client_id");
}

static RapportStaffRow *
staff_row (GHashTable *rows,
           gint64      staff_id)
{
  RapportStaffRow *row = g_hash_table_lookup (rows, &staff_id);

  if (row == NULL)
    {
      row = g_new0 (RapportStaffRow, 1);
      row->staff_id = staff_id;
      row->name = g_strdup ("");
      g_hash_table_insert (rows, &row->staff_id, row);
    }
  return row;
}

static int
compare_staff_rows (gconstpointer a,
                    gconstpointer b)
{
  const RapportStaffRow *x = *(RapportStaffRow * const *) a;
  const RapportStaffRow *y = *(RapportStaffRow * const *) b;

  if (x->revenue != y->revenue)
    return x->revenue > y->revenue ? -1 : 1;
  if ((x->staff_id == 0) != (y->staff_id == 0))
    return x->staff_id == 0 ? 1 : -1;
  return g_utf8_collate (x->name, y->name);
}

static gboolean
read_staff (RapportSqlite                *db,
            const RapportAnalyticsQuery  *query,
            GPtrArray                    *by_staff,
            GHashTable                   *staff_quotes,
            gint64                        now,
            GPtrArray                   **staff_out,
            GError                      **error)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);
  g_autoptr(GPtrArray) result = _rapport_staff_rows_new ();
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(RapportStmt) names = NULL;
  g_autoptr(RapportStmt) logged = NULL;
  g_autoptr(RapportStmt) follow_ups = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gboolean has_row, ok;

  /* Every active member of staff has a row, even an empty one. */
  names = _rapport_sqlite_prepare (db, "SELECT id, name, active FROM staff", error);
  if (names == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, names, &has_row, error)) && has_row)
    {
      gint64 id = _rapport_stmt_column_int (names, 0);

      if (query->staff_id > 0 && id != query->staff_id)
        continue;
      if (_rapport_stmt_column_int (names, 2) != 0)
        staff_row (rows, id);
    }
  if (!ok)
    return FALSE;

  for (guint i = 0; i < by_staff->len; i++)
    {
      RapportBreakdownRow *b = g_ptr_array_index (by_staff, i);
      RapportStaffRow *row = staff_row (rows, b->id);

      row->orders = b->orders;
      row->revenue = b->invoiced;
    }

  g_string_append (sql, "SELECT coalesce(i.staff_id, 0), count(*) FROM interactions i"
                   " WHERE i.occurred_at >= ?8 AND i.occurred_at < ?9");
  append_interaction_filters (sql, query);
  g_string_append (sql, " GROUP BY 1");
  logged = prepare_query (db, sql->str, query, error);
  if (logged == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, logged, &has_row, error)) && has_row)
    staff_row (rows, _rapport_stmt_column_int (logged, 0))->interactions = (guint) _rapport_stmt_column_int (logged, 1);
  if (!ok)
    return FALSE;

  /* On time: done before the end of the day it was due, on the local
   * clock (SQLite's “utc” reads the day as local time). The done and the
   * open are read from an index each. */
  g_string_assign (sql, "SELECT staff, total(on_time), total(late) FROM ("
                   "SELECT coalesce(i.staff_id, 0) AS staff,"
                   " i.follow_up_done_at < unixepoch(i.follow_up_on, '+1 day', 'utc') AS on_time,"
                   " i.follow_up_done_at >= unixepoch(i.follow_up_on, '+1 day', 'utc') AS late"
                   " FROM interactions i WHERE i.follow_up_on IS NOT NULL AND i.follow_up_done_at IS NOT NULL"
                   " AND i.follow_up_on BETWEEN ?1 AND ?2");
  append_interaction_filters (sql, query);
  g_string_append (sql, " UNION ALL SELECT coalesce(i.staff_id, 0), 0,"
                   " ?10 >= unixepoch(i.follow_up_on, '+1 day', 'utc')"
                   " FROM interactions i WHERE i.follow_up_on IS NOT NULL AND i.follow_up_done_at IS NULL"
                   " AND i.follow_up_on BETWEEN ?1 AND ?2");
  append_interaction_filters (sql, query);
  g_string_append (sql, ") GROUP BY 1");
  follow_ups = prepare_query (db, sql->str, query, error);
  if (follow_ups == NULL)
    return FALSE;
  _rapport_stmt_bind_int (follow_ups, 10, now);
  while ((ok = _rapport_sqlite_step (db, follow_ups, &has_row, error)) && has_row)
    {
      RapportStaffRow *row = staff_row (rows, _rapport_stmt_column_int (follow_ups, 0));

      row->follow_ups_on_time = (guint) _rapport_stmt_column_int (follow_ups, 1);
      row->follow_ups_late = (guint) _rapport_stmt_column_int (follow_ups, 2);
    }
  if (!ok)
    return FALSE;

  g_hash_table_iter_init (&iter, staff_quotes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      StaffQuotes *quotes = value;

      if (quotes->quotes_won > 0 || quotes->quotes_lost > 0)
        {
          RapportStaffRow *row = staff_row (rows, *(gint64 *) key);

          row->quotes_won = quotes->quotes_won;
          row->quotes_lost = quotes->quotes_lost;
        }
    }

  /* Names, for every row, whether active or not. */
  _rapport_stmt_release (g_steal_pointer (&names));
  names = _rapport_sqlite_prepare (db, "SELECT id, name, active FROM staff", error);
  if (names == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, names, &has_row, error)) && has_row)
    {
      gint64 id = _rapport_stmt_column_int (names, 0);
      RapportStaffRow *row = g_hash_table_lookup (rows, &id);

      if (row != NULL)
        {
          g_free (row->name);
          row->name = g_utf8_make_valid (_rapport_stmt_column_text (names, 1), -1);
        }
    }
  if (!ok)
    return FALSE;

  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (result, value);
  g_ptr_array_sort (result, compare_staff_rows);
  *staff_out = g_steal_pointer (&result);
  return TRUE;
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
      report->sales = read_sales (db, query, uses_summaries (query), error);
      if (report->sales == NULL)
        return NULL;
    }
  if (parts & (RAPPORT_ANALYTICS_BREAKDOWNS | RAPPORT_ANALYTICS_STAFF))
    {
      by_staff = breakdown (db, query, RAPPORT_ANALYTICS_BY_STAFF, report->sales, error);
      if (by_staff == NULL)
        return NULL;
    }
  if (parts & RAPPORT_ANALYTICS_BREAKDOWNS)
    {
      report->by_staff = g_ptr_array_ref (by_staff);
      report->by_product = breakdown (db, query, RAPPORT_ANALYTICS_BY_PRODUCT, report->sales, error);
      if (report->by_product == NULL)
        return NULL;
      report->by_region = breakdown (db, query, RAPPORT_ANALYTICS_BY_REGION, report->sales, error);
      if (report->by_region == NULL)
        return NULL;
      report->by_campaign = breakdown (db, query, RAPPORT_ANALYTICS_BY_CAMPAIGN, report->sales, error);
      if (report->by_campaign == NULL)
        return NULL;
    }
  if (parts & (RAPPORT_ANALYTICS_FUNNEL | RAPPORT_ANALYTICS_STAFF))
    {
      g_autoptr(RapportFunnel) funnel = _rapport_funnel_new ();

      staff_quotes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      if (!read_funnel (db, query, funnel, staff_quotes, error)
          || !read_lost_reasons (db, query, funnel, error))
        return NULL;
      if (parts & RAPPORT_ANALYTICS_FUNNEL)
        report->funnel = g_steal_pointer (&funnel);
    }
  if (parts & RAPPORT_ANALYTICS_OWED)
    {
      report->owed = read_owed (db, query, error);
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
      report->at_risk = read_at_risk (db, query->to_day, query, error);
      if (report->at_risk == NULL)
        return NULL;
    }
  if ((parts & RAPPORT_ANALYTICS_STAFF)
      && !read_staff (db, query, by_staff, staff_quotes, data->now, &report->staff, error))
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

  report = _rapport_analytics_report_new (query, parts & RAPPORT_ANALYTICS_ALL);
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
  " WHERE status IN " COUNTED " GROUP BY client_id"

#define LINE_DAYS_FROM_LINES \
  "SELECT o.ordered_on, coalesce(o.staff_id, 0), o.status, coalesce(l.catalog_item_id, 0)," \
  " CASE WHEN l.catalog_item_id IS NULL THEN l.name ELSE '' END, l.kind, count(DISTINCT o.id), sum(l.gross)" \
  " FROM order_lines l JOIN orders o ON o.id = l.order_id GROUP BY 1, 2, 3, 4, 5, 6"
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
                               "INSERT INTO order_funnel (order_id) SELECT id FROM orders;"
                               "UPDATE order_funnel SET quoted_at = m.quoted_at, confirmed_at = m.confirmed_at"
                               " FROM (" FUNNEL_STATUS_MOMENTS ") m WHERE m.order_id = order_funnel.order_id;"
                               "UPDATE order_funnel SET paid_at = m.paid_at"
                               " FROM (" FUNNEL_PAID_MOMENTS ") m WHERE m.order_id = order_funnel.order_id;"
                               "UPDATE order_funnel SET delivered_at = m.delivered_at"
                               " FROM (" FUNNEL_DELIVERED_MOMENTS ") m WHERE m.order_id = order_funnel.order_id;",
                               error);
}

/* The C half of schema step 0012, and the rebuild: the lines by day from
 * the lines already there. */
gboolean
_rapport_analytics_fill_line_days (RapportSqlite  *db,
                                   GError        **error)
{
  return _rapport_sqlite_exec (db,
                               "DELETE FROM line_days;"
                               "INSERT INTO line_days (day, staff_id, status, item_id, name, kind, orders, amount) "
                               LINE_DAYS_FROM_LINES ";",
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
      || !_rapport_analytics_fill_client_days (_rapport_database_get_connection (self->database), &local_error))
    {
      _rapport_database_rollback (self->database);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  _rapport_database_note_change (self->database, RAPPORT_KIND_ANALYTICS, 0);
  return _rapport_database_commit (self->database, error);
}

static gpointer
check_on_reader (RapportSqlite  *db,
                 gpointer        user_data,
                 GError        **error)
{
  static const char *checks[] = {
    "SELECT count(*) FROM (SELECT day, staff_id, status, orders, amount FROM sales_days"
    " WHERE orders <> 0 OR amount <> 0 EXCEPT " SALES_DAYS_FROM_ORDERS ")",
    "SELECT count(*) FROM (" SALES_DAYS_FROM_ORDERS " EXCEPT SELECT day, staff_id, status, orders, amount FROM sales_days)",
    "SELECT count(*) FROM (SELECT day, staff_id, status, received, refunded FROM payment_days"
    " WHERE received <> 0 OR refunded <> 0 EXCEPT " PAYMENT_DAYS_FROM_PAYMENTS ")",
    "SELECT count(*) FROM (" PAYMENT_DAYS_FROM_PAYMENTS
    " EXCEPT SELECT day, staff_id, status, received, refunded FROM payment_days)",
    "SELECT count(*) FROM (SELECT client_id, first_day, last_day, orders, spent FROM client_sales"
    " EXCEPT " CLIENT_SALES_FROM_ORDERS ")",
    "SELECT count(*) FROM (" CLIENT_SALES_FROM_ORDERS
    " EXCEPT SELECT client_id, first_day, last_day, orders, spent FROM client_sales)",
    "SELECT count(*) FROM (SELECT day, staff_id, status, item_id, name, kind, orders, amount FROM line_days"
    " WHERE orders <> 0 OR amount <> 0 EXCEPT " LINE_DAYS_FROM_LINES ")",
    "SELECT count(*) FROM (" LINE_DAYS_FROM_LINES
    " EXCEPT SELECT day, staff_id, status, item_id, name, kind, orders, amount FROM line_days)",
    "SELECT count(*) FROM (SELECT * FROM order_funnel EXCEPT " FUNNEL_FROM_TABLES ")",
    "SELECT count(*) FROM (" FUNNEL_FROM_TABLES " EXCEPT SELECT * FROM order_funnel)",
  };
  gint64 mismatches = 0;

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      gint64 count;

      if (!_rapport_sqlite_get_int (db, checks[i], &count, error))
        return NULL;
      mismatches += count;
    }
  {
    gint64 count;

    if (!_rapport_analytics_check_client_days (db, &count, error))
      return NULL;
    mismatches += count;
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

#define WIN_BACK_DUE "date(" RAPPORT_ANALYTICS_LAST_DAY ", '+' || (2 * s.usual_interval) || ' days')"
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
  g_free (reminder->detail);
  /* TRANSLATORS: %d is a number of days, %s a day */
  reminder->detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Usually every %d day; last on %s",
                                                   "Usually every %d days; last on %s",
                                                   (gulong) CLAMP (interval, 0, G_MAXINT)),
                                      (int) CLAMP (interval, 0, G_MAXINT), _rapport_stmt_column_text (stmt, 3));
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

  stmt = _rapport_sqlite_prepare (db, "SELECT count(*)" WIN_BACK_FROM " AND d.client_id IS NULL AND "
                                  WIN_BACK_DUE " BETWEEN ?1 AND ?2", error);
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
