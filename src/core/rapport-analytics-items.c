/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* The orders of each catalog item by day, and what was paid on them
 * (schema step 0018), the unpaid orders of each item (0021) and each
 * item's funnel by day (0026): filled
 * from the orders already there, checked against them and made again.
 * Under a catalog item's filter the page reads the item's rows of the
 * period from them (rapport-analytics-filters.c, -owed.c) instead of
 * looking for the item among every line of every order. */

#include "config.h"

#include "rapport-analytics-private.h"

/* What item_orders and item_payment_days hold, from the tables. */
#define ITEM_ORDERS_FROM_LINES \
  "SELECT l.catalog_item_id, o.ordered_on, o.id, o.client_id, coalesce(o.staff_id, 0), o.status, sum(l.gross)" \
  " FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE l.catalog_item_id IS NOT NULL" \
  " GROUP BY l.catalog_item_id, o.id"
#define ITEM_PAYMENT_DAYS_FROM_PAYMENTS \
  "SELECT i.item_id, p.paid_on, coalesce(o.staff_id, 0), o.status, sum(max(p.amount, 0)), sum(max(-p.amount, 0))" \
  " FROM (SELECT DISTINCT order_id, catalog_item_id AS item_id FROM order_lines" \
  " WHERE catalog_item_id IS NOT NULL) i JOIN orders o ON o.id = i.order_id JOIN payments p ON p.order_id = i.order_id" \
  " GROUP BY 1, 2, 3, 4"
#define ITEM_OWED_FROM_ORDERS \
  "SELECT DISTINCT l.catalog_item_id, o.payment_due_on, o.id, o.ordered_on, coalesce(o.staff_id, 0), o.total - o.paid" \
  " FROM orders o INDEXED BY orders_owed JOIN order_lines l ON l.order_id = o.id" \
  " WHERE o.paid < o.total AND o.status IN " RAPPORT_ANALYTICS_COUNTED " AND l.catalog_item_id IS NOT NULL"

/* What item_funnel_days and item_funnel_times hold, from the orders as
 * they are (not from item_funnel_orders, which they follow). */
#define ITEM_FUNNEL_DAYS_FROM_ORDERS \
  "SELECT item_id, day, staff_id, status, reason_id, quoted, confirmed, paid, delivered, count(*), sum(amount)" \
  " FROM item_funnel_facts GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9"
#define ITEM_FUNNEL_TIMES_FROM(FACTS) \
  "SELECT item_id, day, staff_id, step, bucket, count(*) FROM (" \
  "SELECT item_id, day, staff_id, 1 AS step, confirmed_bucket AS bucket FROM " FACTS \
  " UNION ALL SELECT item_id, day, staff_id, 2, paid_bucket FROM " FACTS \
  " UNION ALL SELECT item_id, day, staff_id, 3, delivered_bucket FROM " FACTS \
  ") WHERE bucket IS NOT NULL GROUP BY 1, 2, 3, 4, 5"

/* The C half of schema step 0018, and the rebuild. */
gboolean
_rapport_analytics_fill_item_summaries (RapportSqlite  *db,
                                        GError        **error)
{
  return _rapport_sqlite_exec (db,
                               "DELETE FROM item_orders;"
                               "INSERT INTO item_orders (item_id, day, order_id, client_id, staff_id, status, amount) "
                               ITEM_ORDERS_FROM_LINES ";"
                               "DELETE FROM item_payment_days;"
                               "INSERT INTO item_payment_days (item_id, day, staff_id, status, received, refunded) "
                               ITEM_PAYMENT_DAYS_FROM_PAYMENTS ";",
                               error);
}

/* The C half of schema step 0021, and the rebuild. */
gboolean
_rapport_analytics_fill_item_owed (RapportSqlite  *db,
                                   GError        **error)
{
  return _rapport_sqlite_exec (db,
                               "DELETE FROM item_owed;"
                               "INSERT INTO item_owed (item_id, due_on, order_id, ordered_on, staff_id, balance) "
                               ITEM_OWED_FROM_ORDERS ";",
                               error);
}

/* The C half of schema step 0026, and the rebuild: each order's rows as
 * it is now, and the days from them. */
gboolean
_rapport_analytics_fill_item_funnel (RapportSqlite  *db,
                                     GError        **error)
{
  return _rapport_sqlite_exec (db,
                               "DELETE FROM item_funnel_orders;"
                               "INSERT INTO item_funnel_orders SELECT * FROM item_funnel_facts;"
                               "DELETE FROM item_funnel_days;"
                               "INSERT INTO item_funnel_days"
                               " SELECT item_id, day, staff_id, status, reason_id, quoted, confirmed, paid,"
                               " delivered, count(*), sum(amount) FROM item_funnel_orders GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;"
                               "DELETE FROM item_funnel_times;"
                               "INSERT INTO item_funnel_times " ITEM_FUNNEL_TIMES_FROM ("item_funnel_orders") ";",
                               error);
}

/* How many rows of item_orders and item_payment_days differ from what
 * the orders, lines and payments say (a row of payments that comes to
 * nothing counts for nothing), and of item_owed and the item's funnel. */
gboolean
_rapport_analytics_check_item_summaries (RapportSqlite  *db,
                                         gint64         *mismatches,
                                         GError        **error)
{
  static const char * const checks[] = {
    RAPPORT_ANALYTICS_DIFFERENCES ("*", "item_orders", "true", ITEM_ORDERS_FROM_LINES),
    RAPPORT_ANALYTICS_DIFFERENCES ("*", "item_payment_days", "received <> 0 OR refunded <> 0",
                                   ITEM_PAYMENT_DAYS_FROM_PAYMENTS),
    RAPPORT_ANALYTICS_DIFFERENCES ("*", "item_owed", "true", ITEM_OWED_FROM_ORDERS),
    RAPPORT_ANALYTICS_DIFFERENCES ("*", "item_funnel_orders", "true", "SELECT * FROM item_funnel_facts"),
    RAPPORT_ANALYTICS_DIFFERENCES ("*", "item_funnel_days", "true", ITEM_FUNNEL_DAYS_FROM_ORDERS),
    RAPPORT_ANALYTICS_DIFFERENCES ("*", "item_funnel_times", "true", ITEM_FUNNEL_TIMES_FROM ("item_funnel_facts")),
  };

  *mismatches = 0;
  return _rapport_analytics_count_mismatches (db, checks, G_N_ELEMENTS (checks), mismatches, error);
}
