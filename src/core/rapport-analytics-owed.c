/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Money owed, by age: the unpaid orders read from their index alone
 * (step 0013), in the order of their due day; under a catalog item's
 * filter, the item's unpaid orders (step 0021); under a tag's or a place's,
 * the group's (step 0024). */

#include "config.h"

#include <string.h>

#include "rapport-analytics-private.h"

GPtrArray *
_rapport_analytics_read_owed (RapportSqlite                *db,
                              const RapportAnalyticsQuery  *query,
                              GError                      **error)
{
  g_autoptr(GPtrArray) buckets = _rapport_ageing_buckets_new ();
  g_autoptr(GString) sql = g_string_new ("SELECT o.id, o.payment_due_on, o.total - o.paid"
                                         " FROM orders o INDEXED BY orders_owed"
                                         " WHERE o.paid < o.total AND o.status IN " RAPPORT_ANALYTICS_COUNTED
                                         " AND o.ordered_on <= ?2");
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *day = NULL;
  gboolean has_row, ok;
  int late = 0;
  GDate as_of;

  /* An item is on a few of the unpaid orders: each of those was looked
   * for among the item's orders (75,000 look-ups on the benchmark's file,
   * 60 ms); its own unpaid orders are a range of item_owed. */
  if (_rapport_analytics_reads_item_orders (query))
    g_string_printf (sql, "SELECT order_id, due_on, balance FROM item_owed"
                     " WHERE item_id = ?6 AND ordered_on <= ?2%s ORDER BY due_on, order_id",
                     query->staff_id > 0 ? " AND staff_id = ?3" : "");
  /* A tag's or a place's unpaid orders (step 0024): each unpaid order's
   * client was looked up in the group (73,000 on the benchmark's file,
   * 25 ms) for the tenth that are the group's. */
  else if (_rapport_analytics_uses_group_summaries (query))
    g_string_printf (sql, "SELECT order_id, due_on, balance FROM group_owed"
                     " WHERE group_id = %s AND ordered_on <= ?2%s ORDER BY due_on, order_id",
                     _rapport_analytics_group_id (query), query->staff_id > 0 ? " AND staff_id = ?3" : "");
  else
    {
      _rapport_analytics_append_order_filters_for (sql, query, "io.day <= ?2");
      g_string_append (sql, " ORDER BY o.payment_due_on, o.id");
    }
  if (!_rapport_analytics_parse_day (query->to_day, &as_of))
    g_assert_not_reached ();
  stmt = _rapport_analytics_prepare (db, sql->str, query, error);
  if (stmt == NULL)
    return NULL;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      gint64 id = _rapport_stmt_column_int (stmt, 0);
      const char *due_on = _rapport_stmt_column_text (stmt, 1);
      RapportAgeingBucket *bucket;

      /* The rows come in the order of their due day: a day is read
       * once, not once an order (73,000 orders, 1,100 days in a year). */
      if (day == NULL || strcmp (day, due_on) != 0)
        {
          GDate due;

          g_free (day);
          day = g_strdup (due_on);
          late = _rapport_analytics_parse_day (due_on, &due) ? g_date_days_between (&due, &as_of) : 0;
        }
      bucket = g_ptr_array_index (buckets, late <= 30 ? 0 : late <= 60 ? 1 : late <= 90 ? 2 : 3);
      bucket->count++;
      bucket->amount += _rapport_stmt_column_int (stmt, 2);
      g_array_append_val (bucket->order_ids, id);
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&buckets);
}
