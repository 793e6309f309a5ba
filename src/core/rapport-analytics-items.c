/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* The orders of each catalog item by day, and what was paid on them
 * (schema step 0018), and the unpaid orders of each item (0021): filled
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

/* How many rows of item_orders and item_payment_days differ from what
 * the orders, lines and payments say (a row of payments that comes to
 * nothing counts for nothing), and of item_owed. */
gboolean
_rapport_analytics_check_item_summaries (RapportSqlite  *db,
                                         gint64         *mismatches,
                                         GError        **error)
{
  static const char * const checks[] = {
    "SELECT count(*) FROM (SELECT * FROM item_orders EXCEPT " ITEM_ORDERS_FROM_LINES ")",
    "SELECT count(*) FROM (" ITEM_ORDERS_FROM_LINES " EXCEPT SELECT * FROM item_orders)",
    "SELECT count(*) FROM (SELECT * FROM item_payment_days WHERE received <> 0 OR refunded <> 0"
    " EXCEPT " ITEM_PAYMENT_DAYS_FROM_PAYMENTS ")",
    "SELECT count(*) FROM (" ITEM_PAYMENT_DAYS_FROM_PAYMENTS " EXCEPT SELECT * FROM item_payment_days)",
    "SELECT count(*) FROM (SELECT * FROM item_owed EXCEPT " ITEM_OWED_FROM_ORDERS ")",
    "SELECT count(*) FROM (" ITEM_OWED_FROM_ORDERS " EXCEPT SELECT * FROM item_owed)",
  };

  *mismatches = 0;
  return _rapport_analytics_count_mismatches (db, checks, G_N_ELEMENTS (checks), mismatches, error);
}
