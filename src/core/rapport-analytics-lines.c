/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* The order lines by day (schema step 0012) and the orders they count
 * more than once for an item, under two kinds (0027): filled from the
 * lines already there, checked against them and made again. Sales by
 * product, with no tag or place, are read from them
 * (rapport-analytics-breakdowns.c). */

#include "config.h"

#include "rapport-analytics-private.h"

/* What line_days holds, from the tables. */
#define LINE_DAYS_FROM_LINES \
  "SELECT o.ordered_on, coalesce(o.staff_id, 0), o.status, coalesce(l.catalog_item_id, 0)," \
  " CASE WHEN l.catalog_item_id IS NULL THEN l.name ELSE '' END, l.kind, count(DISTINCT o.id), sum(l.gross)" \
  " FROM order_lines l JOIN orders o ON o.id = l.order_id GROUP BY 1, 2, 3, 4, 5, 6"
/* What line_kind_repeats holds: each order's repeats (step 0027's view)
 * added up. */
#define LINE_KIND_REPEATS_FROM_LINES \
  "SELECT o.ordered_on, coalesce(o.staff_id, 0), o.status, r.item_id, r.name, sum(r.repeats)" \
  " FROM order_line_kind_repeats r JOIN orders o ON o.id = r.order_id GROUP BY 1, 2, 3, 4, 5"

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

/* The C half of schema step 0027, and the rebuild. */
gboolean
_rapport_analytics_fill_line_kind_repeats (RapportSqlite  *db,
                                           GError        **error)
{
  return _rapport_sqlite_exec (db,
                               "DELETE FROM line_kind_repeats;"
                               "INSERT INTO line_kind_repeats (day, staff_id, status, item_id, name, orders) "
                               LINE_KIND_REPEATS_FROM_LINES ";",
                               error);
}

/* How many rows of line_days and line_kind_repeats differ from what the
 * lines say (a row that comes to nothing counts for nothing). */
gboolean
_rapport_analytics_check_line_summaries (RapportSqlite  *db,
                                         gint64         *mismatches,
                                         GError        **error)
{
  static const char * const checks[] = {
    RAPPORT_ANALYTICS_DIFFERENCES ("day, staff_id, status, item_id, name, kind, orders, amount", "line_days",
                                   "orders <> 0 OR amount <> 0", LINE_DAYS_FROM_LINES),
    RAPPORT_ANALYTICS_DIFFERENCES ("day, staff_id, status, item_id, name, orders", "line_kind_repeats",
                                   "orders <> 0", LINE_KIND_REPEATS_FROM_LINES),
  };

  *mismatches = 0;
  return _rapport_analytics_count_mismatches (db, checks, G_N_ELEMENTS (checks), mismatches, error);
}
