/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Sales over time with no filter: from the summaries (the page), and from
 * the orders and payments themselves (for checking). What they cost on a
 * year of a million orders, and why they are shaped so:
 *
 * - from the summaries, the rows of sales_days and payment_days are read
 *   in their key's order and added up here, a bucket after the other: an
 *   SQL GROUP BY day and status would sort them first. New clients are a
 *   sum over client_days; returning ones are the clients whose last sale
 *   is in the period, less the new ones, plus those among the clients
 *   who bought again after it (none for a period up to today) who also
 *   bought in it;
 * - from the tables, one pass over the period's orders through the
 *   covering index of sales by day, which also gathers the clients who
 *   bought; one pass over the period's payments, summed by day in the
 *   index's order; and the few refunds, which alone need their order's
 *   status, through their own index. A client is new when their first
 *   sale (client_sales) is in the period.
 *
 * Rows of sales or payments by day, filtered (rapport-analytics.c) or
 * not, all go through _rapport_analytics_add_sales_rows(). */

#include "config.h"

#include <string.h>

#include "rapport-analytics-private.h"
#include "rapport-money.h"

/* An empty RapportSales with a point for each bucket of @query. */
RapportSales *
_rapport_sales_new_for_query (const RapportAnalyticsQuery *query)
{
  RapportSales *sales = _rapport_sales_new ();
  g_autoptr(GPtrArray) days = _rapport_analytics_bucket_days (query);

  for (guint i = 0; i < days->len; i++)
    {
      RapportSalesPoint *point = g_new0 (RapportSalesPoint, 1);

      point->start_day = g_strdup (g_ptr_array_index (days, i));
      g_ptr_array_add (sales->points, point);
    }
  return sales;
}

/* The totals of @sales from its points; @counted_refunds is what was paid
 * back on orders that count. */
void
_rapport_sales_add_up (RapportSales *sales,
                       gint64        counted_refunds)
{
  for (guint i = 0; i < sales->points->len; i++)
    {
      RapportSalesPoint *point = g_ptr_array_index (sales->points, i);

      sales->invoiced += point->invoiced;
      sales->paid += point->paid;
      sales->refunded += point->refunded;
      sales->orders += point->orders;
      sales->cancelled += point->cancelled;
      sales->cancelled_value += point->cancelled_value;
    }
  sales->net = sales->invoiced - counted_refunds;
  sales->average_order = sales->orders > 0 ? rapport_money_round_half_away (sales->invoiced, sales->orders) : 0;
}

/* Walks the points as the days of the rows grow: rows come in day order,
 * so each finds its bucket from the last one's. */
typedef struct
{
  GPtrArray *points;
  guint      at;
} PointCursor;

static RapportSalesPoint *
point_at (PointCursor *cursor,
          const char  *day)
{
  RapportSalesPoint *point;

  /* A row out of order (never, from an index) starts again. */
  if (strcmp (((RapportSalesPoint *) g_ptr_array_index (cursor->points, cursor->at))->start_day, day) > 0)
    cursor->at = 0;
  while (cursor->at + 1 < cursor->points->len
         && strcmp (((RapportSalesPoint *) g_ptr_array_index (cursor->points, cursor->at + 1))->start_day, day) <= 0)
    cursor->at++;
  point = g_ptr_array_index (cursor->points, cursor->at);
  return point;
}

/* Whether the @n bytes at @text are @word. */
static gboolean
bytes_are (const char *text,
           int         n,
           const char *word)
{
  return (size_t) n == strlen (word) && memcmp (text, word, (size_t) n) == 0;
}

/* Adds to @point @count orders of @status (the @length bytes at @status)
 * coming to @amount. Returns whether they are sales. */
static gboolean
add_order_figures (RapportSalesPoint *point,
                   const char        *status,
                   int                length,
                   gint64             count,
                   gint64             amount)
{
  if (bytes_are (status, length, "closed") || bytes_are (status, length, "fulfilled")
      || bytes_are (status, length, "confirmed"))
    {
      point->orders += (guint) CLAMP (count, 0, G_MAXUINT);
      point->invoiced += amount;
      return TRUE;
    }
  if (bytes_are (status, length, "cancelled"))
    {
      point->cancelled += (guint) CLAMP (count, 0, G_MAXUINT);
      point->cancelled_value += amount;
    }
  return FALSE;
}

/* The one reader of sales by day, with a filter or without, from the
 * summaries or from the tables: each row of @sql (bound as
 * _rapport_analytics_prepare() binds) is a day, a status and two figures,
 * added to the bucket of its day. Rows of orders are (day, status, orders,
 * amount); rows of payments (day, status, received, refunded), whose
 * refunds on sales are also added to @counted_refunds. */
gboolean
_rapport_analytics_add_sales_rows (RapportSqlite                *db,
                                   const char                   *sql,
                                   const RapportAnalyticsQuery  *query,
                                   RapportAnalyticsSalesRows     rows,
                                   RapportSales                 *sales,
                                   gint64                       *counted_refunds,
                                   GError                      **error)
{
  g_autoptr(RapportStmt) stmt = _rapport_analytics_prepare (db, sql, query, error);
  PointCursor cursor = { sales->points, 0 };
  gboolean has_row, ok;

  if (stmt == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      RapportSalesPoint *point = point_at (&cursor, _rapport_stmt_column_text (stmt, 0));
      const char *status = _rapport_stmt_column_text (stmt, 1);
      gint64 first = _rapport_stmt_column_int (stmt, 2), second = _rapport_stmt_column_int (stmt, 3);

      if (rows == RAPPORT_ANALYTICS_ORDER_ROWS)
        add_order_figures (point, status, (int) strlen (status), first, second);
      else
        {
          point->paid += first - second;
          point->refunded += second;
          if (_rapport_analytics_is_counted (status))
            *counted_refunds += second;
        }
    }
  return ok;
}

static RapportStmt *
prepare_period (RapportSqlite                *db,
                const char                   *sql,
                const RapportAnalyticsQuery  *query,
                GError                      **error)
{
  RapportStmt *stmt = _rapport_sqlite_prepare (db, sql, error);

  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_text (stmt, 1, query->from_day);
  _rapport_stmt_bind_text (stmt, 2, query->to_day);
  return stmt;
}

/* ---- From the summaries ---- */

/* New: first sale in the period. Returning: a sale before it and one in
 * it. Of the clients who bought before the period's end, those whose last
 * sale is in it bought in it; the rest bought again after it, and only
 * they are looked at one by one. */
static gboolean
count_clients (RapportSqlite                *db,
               const RapportAnalyticsQuery  *query,
               RapportSales                 *sales,
               GError                      **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;
  gint64 firsts, lasts, later;

  stmt = prepare_period (db, "SELECT (SELECT total(firsts) FROM client_days WHERE day BETWEEN ?1 AND ?2),"
                         " (SELECT total(lasts) FROM client_days WHERE day BETWEEN ?1 AND ?2),"
                         " (SELECT count(*) FROM client_sales cs INDEXED BY client_sales_by_last_day"
                         " WHERE cs.last_day > ?2 AND cs.first_day <= ?2 AND (cs.first_day >= ?1"
                         " OR EXISTS (SELECT 1 FROM orders o WHERE o.client_id = cs.client_id"
                         " AND o.ordered_on BETWEEN ?1 AND ?2 AND o.status IN " RAPPORT_ANALYTICS_COUNTED ")))",
                         query, error);
  if (stmt == NULL || !_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  g_assert (has_row);
  firsts = _rapport_stmt_column_int (stmt, 0);
  lasts = _rapport_stmt_column_int (stmt, 1);
  later = _rapport_stmt_column_int (stmt, 2);
  sales->new_clients = (guint) CLAMP (firsts, 0, G_MAXUINT);
  sales->returning_clients = (guint) CLAMP (lasts - firsts + later, 0, G_MAXUINT);
  return TRUE;
}

/* The same under a member of staff's filter (?3), from that member's
 * clients: those whose last sale the member took is in the period bought
 * in it; of those whose last is after it, only the ones whose first is
 * not are looked at one by one (none for a period up to today). New ones
 * made their first sale of all in the period, and the member took one of
 * theirs by its end: all their sales are in or after the period. */
gboolean
_rapport_analytics_count_staff_clients (RapportSqlite                *db,
                                        const RapportAnalyticsQuery  *query,
                                        RapportSales                 *sales,
                                        GError                      **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;
  gint64 buyers, n_new;

  stmt = _rapport_analytics_prepare (db, "SELECT (SELECT count(*) FROM staff_clients"
                                     " WHERE staff_id = ?3 AND last_day BETWEEN ?1 AND ?2)"
                                     " + (SELECT count(*) FROM staff_clients s INDEXED BY staff_clients_by_last_day"
                                     " WHERE s.staff_id = ?3 AND s.last_day > ?2 AND s.first_day <= ?2"
                                     " AND EXISTS (SELECT 1 FROM orders o INDEXED BY orders_by_client_day"
                                     " WHERE o.client_id = s.client_id AND o.ordered_on BETWEEN ?1 AND ?2"
                                     " AND o.status IN " RAPPORT_ANALYTICS_COUNTED " AND o.staff_id = ?3)),"
                                     " (SELECT count(*) FROM client_sales cs INDEXED BY client_sales_by_first_day"
                                     " WHERE cs.first_day BETWEEN ?1 AND ?2 AND EXISTS (SELECT 1 FROM staff_clients s"
                                     " WHERE s.staff_id = ?3 AND s.client_id = cs.client_id AND s.first_day <= ?2))",
                                     query, error);
  if (stmt == NULL || !_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  g_assert (has_row);
  buyers = _rapport_stmt_column_int (stmt, 0);
  n_new = _rapport_stmt_column_int (stmt, 1);
  sales->new_clients = (guint) CLAMP (n_new, 0, G_MAXUINT);
  sales->returning_clients = (guint) CLAMP (buyers - n_new, 0, G_MAXUINT);
  return TRUE;
}

/* ---- From the orders and payments ---- */

/* The clients who bought in the period: a bitmap over the ids the clients
 * table can hold, and a set for any other id an order may name. */
typedef struct
{
  guint8     *bits;
  gint64      n_bits;
  GHashTable *others;
  guint       count;
} ClientSet;

static gboolean
client_set_init (RapportSqlite  *db,
                 ClientSet      *set,
                 GError        **error)
{
  gint64 max_id = 0;

  if (!_rapport_sqlite_get_int (db, "SELECT coalesce(max(id), 0) FROM clients", &max_id, error))
    return FALSE;
  /* A file's ids are whatever it holds: at most a bitmap of 16 MB. */
  set->n_bits = CLAMP (max_id, 0, G_GINT64_CONSTANT (1) << 27) + 1;
  set->bits = g_malloc0 ((gsize) (set->n_bits + 7) / 8);
  set->others = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  set->count = 0;
  return TRUE;
}

static void
client_set_clear (ClientSet *set)
{
  g_clear_pointer (&set->bits, g_free);
  g_clear_pointer (&set->others, g_hash_table_unref);
}

static void
client_set_add (ClientSet *set,
                gint64     id)
{
  if (id >= 0 && id < set->n_bits)
    {
      guint8 bit = (guint8) (1u << (id & 7));

      if ((set->bits[id >> 3] & bit) == 0)
        {
          set->bits[id >> 3] |= bit;
          set->count++;
        }
    }
  else if (!g_hash_table_contains (set->others, &id))
    {
      g_hash_table_add (set->others, g_memdup2 (&id, sizeof id));
      set->count++;
    }
}

static gboolean
client_set_contains (ClientSet *set,
                     gint64     id)
{
  if (id >= 0 && id < set->n_bits)
    return (set->bits[id >> 3] & (1u << (id & 7))) != 0;
  return g_hash_table_contains (set->others, &id);
}

/* Whether @day (a day as text, at most 10 bytes) is the @n bytes at
 * @bytes: rows in day order repeat their day. */
static gboolean
same_day (const char *day,
          const char *bytes,
          int         n)
{
  return n < 11 && memcmp (day, bytes, (size_t) n) == 0 && day[n] == '\0';
}

/* The bucket of the day in the @n bytes at @bytes, kept in @day. */
static RapportSalesPoint *
bucket_of (PointCursor *cursor,
           char        *day,
           const char  *bytes,
           int          n)
{
  g_autofree char *text = g_strndup (bytes, (gsize) n);

  g_strlcpy (day, text, 11);
  return point_at (cursor, text);
}

static gboolean
add_orders_from_table (RapportSqlite                *db,
                       const RapportAnalyticsQuery  *query,
                       RapportSales                 *sales,
                       ClientSet                    *buyers,
                       GError                      **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  PointCursor cursor = { sales->points, 0 };
  RapportSalesPoint *point = NULL;
  char day[11] = "";
  gboolean has_row, ok;

  /* Each order, from the index alone, in day order. The day and the
   * status are looked at as bytes where the index holds them: as text
   * they would be copied, and compared in SQL they cost more than the
   * rest of the row. */
  stmt = prepare_period (db, "SELECT o.ordered_on, o.status, o.total, o.client_id"
                         " FROM orders o INDEXED BY orders_sales_by_day WHERE o.ordered_on BETWEEN ?1 AND ?2",
                         query, error);
  if (stmt == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      const char *ordered_on = sqlite3_column_blob (stmt, 0);
      int day_length = sqlite3_column_bytes (stmt, 0);
      const char *status = sqlite3_column_blob (stmt, 1);
      int status_length = sqlite3_column_bytes (stmt, 1);

      if (ordered_on == NULL || status == NULL)
        continue;
      if (point == NULL || !same_day (day, ordered_on, day_length))
        point = bucket_of (&cursor, day, ordered_on, day_length);
      if (add_order_figures (point, status, status_length, 1, sqlite3_column_int64 (stmt, 2)))
        client_set_add (buyers, sqlite3_column_int64 (stmt, 3));
    }
  return ok;
}

/* The buyers whose first sale is in the period are new; the others
 * are returning. */
static gboolean
count_buyers (RapportSqlite                *db,
              const RapportAnalyticsQuery  *query,
              RapportSales                 *sales,
              ClientSet                    *buyers,
              GError                      **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;
  guint n_new = 0;

  stmt = prepare_period (db, "SELECT client_id FROM client_sales WHERE first_day BETWEEN ?1 AND ?2", query, error);
  if (stmt == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    n_new += client_set_contains (buyers, _rapport_stmt_column_int (stmt, 0));
  if (!ok)
    return FALSE;
  sales->new_clients = n_new;
  sales->returning_clients = buyers->count - n_new;
  return TRUE;
}

/* New and returning clients under a catalog item's filter (and a member
 * of staff's, or none): the buyers gathered from the item's sales of the
 * period (step 0018), then the new ones among the few clients whose first
 * sale is in the period, as from the tables. Asking client_sales about
 * each buyer looked up tens of thousands of them. */
gboolean
_rapport_analytics_count_item_buyers (RapportSqlite                *db,
                                      const RapportAnalyticsQuery  *query,
                                      RapportSales                 *sales,
                                      GError                      **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  ClientSet buyers = { NULL, 0, NULL, 0 };
  gboolean has_row, ok;

  stmt = _rapport_analytics_prepare (db, query->staff_id > 0
                             ? "SELECT client_id FROM item_orders WHERE item_id = ?6 AND day BETWEEN ?1 AND ?2"
                               " AND status IN " RAPPORT_ANALYTICS_COUNTED " AND staff_id = ?3"
                             : "SELECT client_id FROM item_orders WHERE item_id = ?6 AND day BETWEEN ?1 AND ?2"
                               " AND status IN " RAPPORT_ANALYTICS_COUNTED,
                                     query, error);
  if (stmt == NULL || !client_set_init (db, &buyers, error))
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    client_set_add (&buyers, _rapport_stmt_column_int (stmt, 0));
  ok = ok && count_buyers (db, query, sales, &buyers, error);
  client_set_clear (&buyers);
  return ok;
}

static gboolean
read_from_tables (RapportSqlite                *db,
                  const RapportAnalyticsQuery  *query,
                  RapportSales                 *sales,
                  gint64                       *counted_refunds,
                  GError                      **error)
{
  ClientSet buyers = { NULL, 0, NULL, 0 };
  gboolean ok;

  ok = client_set_init (db, &buyers, error)
       && add_orders_from_table (db, query, sales, &buyers, error)
       /* What came in by day, in the index's order; and the few refunds,
        * which alone need their order's status, through their own index. */
       && _rapport_analytics_add_sales_rows (db, "SELECT p.paid_on, '', sum(max(p.amount, 0)), 0"
                                             " FROM payments p INDEXED BY payments_by_day"
                                             " WHERE p.paid_on BETWEEN ?1 AND ?2 GROUP BY p.paid_on",
                                             query, RAPPORT_ANALYTICS_PAYMENT_ROWS, sales, counted_refunds, error)
       && _rapport_analytics_add_sales_rows (db, "SELECT p.paid_on, o.status, 0, -sum(p.amount)"
                                             " FROM payments p INDEXED BY payments_refunds_by_day"
                                             " JOIN orders o ON o.id = p.order_id"
                                             " WHERE p.paid_on BETWEEN ?1 AND ?2 AND p.amount < 0 GROUP BY 1, 2",
                                             query, RAPPORT_ANALYTICS_PAYMENT_ROWS, sales, counted_refunds, error)
       && count_buyers (db, query, sales, &buyers, error);
  client_set_clear (&buyers);
  return ok;
}

/* Sales with no filter at all, from the summaries or from the tables. */
RapportSales *
_rapport_analytics_read_all_sales (RapportSqlite                *db,
                                   const RapportAnalyticsQuery  *query,
                                   gboolean                      from_summaries,
                                   GError                      **error)
{
  g_autoptr(RapportSales) sales = _rapport_sales_new_for_query (query);
  gint64 counted_refunds = 0;

  /* A valid query has a bucket at least. */
  g_assert (sales->points->len > 0);
  if (from_summaries)
    {
      if (!_rapport_analytics_add_sales_rows (db, "SELECT day, status, orders, amount FROM sales_days"
                                              " WHERE day BETWEEN ?1 AND ?2", query,
                                              RAPPORT_ANALYTICS_ORDER_ROWS, sales, NULL, error)
          || !_rapport_analytics_add_sales_rows (db, "SELECT day, status, received, refunded FROM payment_days"
                                                 " WHERE day BETWEEN ?1 AND ?2", query,
                                                 RAPPORT_ANALYTICS_PAYMENT_ROWS, sales, &counted_refunds, error)
          || !count_clients (db, query, sales, error))
        return NULL;
    }
  else if (!read_from_tables (db, query, sales, &counted_refunds, error))
    return NULL;
  _rapport_sales_add_up (sales, counted_refunds);
  return g_steal_pointer (&sales);
}

/* ---- The summary of first and last days ---- */

#define CLIENT_DAYS_FROM_CLIENT_SALES(CLIENT_SALES) \
  "SELECT day, sum(firsts), sum(lasts) FROM (" \
  "SELECT first_day AS day, 1 AS firsts, 0 AS lasts FROM (" CLIENT_SALES ")" \
  " UNION ALL SELECT last_day, 0, 1 FROM (" CLIENT_SALES ")) GROUP BY day"
#define CLIENT_SALES_FROM_ORDERS \
  "SELECT min(ordered_on) AS first_day, max(ordered_on) AS last_day FROM orders" \
  " WHERE status IN " RAPPORT_ANALYTICS_COUNTED " GROUP BY client_id"

/* The C half of schema step 0014, and the rebuild: the clients' first
 * and last days from client_sales. */
gboolean
_rapport_analytics_fill_client_days (RapportSqlite  *db,
                                     GError        **error)
{
  return _rapport_sqlite_exec (db,
                               "DELETE FROM client_days;"
                               "INSERT INTO client_days (day, firsts, lasts) "
                               CLIENT_DAYS_FROM_CLIENT_SALES ("SELECT first_day, last_day FROM client_sales") ";",
                               error);
}

/* How many rows of client_days differ from what the orders say. */
gboolean
_rapport_analytics_check_client_days (RapportSqlite  *db,
                                      gint64         *mismatches,
                                      GError        **error)
{
  return _rapport_sqlite_get_int (db, RAPPORT_ANALYTICS_DIFFERENCES ("day, firsts, lasts", "client_days",
                                                                   "firsts <> 0 OR lasts <> 0",
                                                                   CLIENT_DAYS_FROM_CLIENT_SALES
                                                                     (CLIENT_SALES_FROM_ORDERS)),
                                  mismatches, error);
}

/* ---- Each member of staff's clients ---- */

#define STAFF_CLIENTS_FROM_ORDERS \
  "SELECT coalesce(staff_id, 0), client_id, min(ordered_on), max(ordered_on), count(*) FROM orders" \
  " WHERE status IN " RAPPORT_ANALYTICS_COUNTED " GROUP BY 1, 2"

/* The C half of schema step 0016, and the rebuild: each member of staff's
 * clients from the orders. */
gboolean
_rapport_analytics_fill_staff_clients (RapportSqlite  *db,
                                       GError        **error)
{
  return _rapport_sqlite_exec (db,
                               "DELETE FROM staff_clients;"
                               "INSERT INTO staff_clients (staff_id, client_id, first_day, last_day, orders) "
                               STAFF_CLIENTS_FROM_ORDERS ";",
                               error);
}

/* How many rows of staff_clients differ from what the orders say. */
gboolean
_rapport_analytics_check_staff_clients (RapportSqlite  *db,
                                        gint64         *mismatches,
                                        GError        **error)
{
  return _rapport_sqlite_get_int (db, RAPPORT_ANALYTICS_DIFFERENCES ("staff_id, client_id, first_day, last_day, orders",
                                                                   "staff_clients", "true", STAFF_CLIENTS_FROM_ORDERS),
                                  mismatches, error);
}
