/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* The query's period and filters as SQL, shared by every part of the
 * Analytics page and by the orders behind its figures. */

#include "config.h"

#include "rapport-analytics-private.h"

gboolean
_rapport_analytics_is_counted (const char *status)
{
  return g_strcmp0 (status, "confirmed") == 0 || g_strcmp0 (status, "fulfilled") == 0
         || g_strcmp0 (status, "closed") == 0;
}

/* The summaries are kept by day, staff and status: a filter on items or
 * clients reads the orders themselves. */
gboolean
_rapport_analytics_uses_summaries (const RapportAnalyticsQuery *query)
{
  return query->catalog_item_id == 0 && query->item_kind == NULL
         && query->client_tag == NULL && query->place == NULL;
}

gboolean
_rapport_analytics_has_line_filter (const RapportAnalyticsQuery *query)
{
  return query->catalog_item_id != 0 || query->item_kind != NULL;
}

/* Conditions on the clients @column holds, for the query's filters. */
void
_rapport_analytics_append_client_filters (GString                     *sql,
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

/* Whether a catalog item's filter is read from the item's orders by day
 * (step 0018): an item, and no kind with it (an item's lines of one kind
 * are looked for among the lines). */
gboolean
_rapport_analytics_uses_item_orders (const RapportAnalyticsQuery *query)
{
  return query->catalog_item_id != 0 && query->item_kind == NULL;
}

/* Conditions on the orders “o” of the period (?1 to ?2) for the query's
 * filters. */
void
_rapport_analytics_append_order_filters (GString                     *sql,
                      const RapportAnalyticsQuery *query)
{
  _rapport_analytics_append_order_filters_for (sql, query, "io.day BETWEEN ?1 AND ?2");
}

/* The same for orders of any day: @item_days is the condition on the days
 * of the item's orders “io” that holds the statement's orders, “” when the
 * statement reads the item's orders themselves, or %NULL to look for the
 * item among the lines (for checking). */
void
_rapport_analytics_append_order_filters_for (GString                     *sql,
                                             const RapportAnalyticsQuery *query,
                                             const char                  *item_days)
{
  if (query->staff_id > 0)
    g_string_append (sql, " AND o.staff_id = ?3");
  _rapport_analytics_append_client_filters (sql, query, "o.client_id");
  /* The item's orders of those days, a range of item_orders: the orders
   * are then found by their id, not looked for among the period's. (None
   * when the statement reads them from there.) */
  if (item_days != NULL && _rapport_analytics_uses_item_orders (query))
    {
      if (item_days[0] != '\0')
        g_string_append_printf (sql, " AND o.id IN (SELECT io.order_id FROM item_orders io WHERE io.item_id = ?6"
                                " AND %s)", item_days);
    }
  /* A catalog item's orders from its lines' index, gathered once for the
   * statement: an item is on a few orders in a hundred, and looking for it
   * in each order of the period cost a look-up an order (three times the
   * time on the benchmark's file). A kind is on most orders: each is
   * looked at. */
  else if (query->catalog_item_id != 0)
    g_string_append (sql, " AND o.id IN (SELECT l.order_id FROM order_lines l WHERE l.catalog_item_id = ?6"
                     " AND (?7 IS NULL OR l.kind = ?7))");
  else if (_rapport_analytics_has_line_filter (query))
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id" RAPPORT_ANALYTICS_LINE_MATCH ")");
}

/* What an order “o” comes to under the query: its total or, filtered by
 * item, the total of the matching lines. */
const char *
_rapport_analytics_order_amount (const RapportAnalyticsQuery *query)
{
  if (_rapport_analytics_uses_item_orders (query))
    return "(SELECT io.amount FROM item_orders io WHERE io.item_id = ?6 AND io.day = o.ordered_on"
           " AND io.order_id = o.id)";
  return _rapport_analytics_line_amount (query);
}

/* The same from the lines themselves. */
const char *
_rapport_analytics_line_amount (const RapportAnalyticsQuery *query)
{
  return _rapport_analytics_has_line_filter (query)
         ? "(SELECT sum(l.gross) FROM order_lines l WHERE l.order_id = o.id" RAPPORT_ANALYTICS_LINE_MATCH ")"
         : "o.total";
}

/* Whether a statement over the period's orders reads them from the
 * item's rows of the period (step 0018): under a catalog item's filter
 * and no tag or place. SQLite's planner, left to choose, walked every sale
 * of the period through the index by status and looked for each among
 * the item's. */
gboolean
_rapport_analytics_reads_item_orders (const RapportAnalyticsQuery *query)
{
  return _rapport_analytics_uses_item_orders (query) && !_rapport_analytics_has_client_filter (query);
}

/* The orders “o” of the period as a statement's FROM clause: the item's
 * rows “io” of the period and their orders, or the orders through the
 * index _rapport_analytics_orders_index() names. */
void
_rapport_analytics_append_period_orders (GString                     *sql,
                                         const RapportAnalyticsQuery *query,
                                         const char                  *otherwise)
{
  if (_rapport_analytics_reads_item_orders (query))
    g_string_append (sql, " FROM item_orders io CROSS JOIN orders o ON o.id = io.order_id"
                     " AND io.item_id = ?6 AND io.day BETWEEN ?1 AND ?2");
  else
    g_string_append_printf (sql, " FROM orders o%s", _rapport_analytics_orders_index (query, otherwise));
}

/* The conditions that go with it, and what an order comes to. */
void
_rapport_analytics_append_period_filters (GString                     *sql,
                                          const RapportAnalyticsQuery *query)
{
  _rapport_analytics_append_order_filters_for (sql, query, _rapport_analytics_reads_item_orders (query)
                                                           ? "" : "io.day BETWEEN ?1 AND ?2");
}

const char *
_rapport_analytics_period_amount (const RapportAnalyticsQuery *query)
{
  return _rapport_analytics_reads_item_orders (query) ? "io.amount" : _rapport_analytics_order_amount (query);
}

/* The first moment of @day and of the day after it on the local clock,
 * UTC seconds. */
gint64
_rapport_analytics_local_day_start (const char *day,
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

RapportStmt *
_rapport_analytics_prepare (RapportSqlite                *db,
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
  _rapport_stmt_bind_int (stmt, 8, _rapport_analytics_local_day_start (query->from_day, 0));
  _rapport_stmt_bind_int (stmt, 9, _rapport_analytics_local_day_start (query->to_day, 1));
  return stmt;
}

/* ---- Under a filter ---- */

gboolean
_rapport_analytics_has_client_filter (const RapportAnalyticsQuery *query)
{
  return query->client_tag != NULL || query->place != NULL;
}

/* The index the orders “o” of a figure are read through, as an INDEXED
 * BY clause: under a tag or place, each client's orders of the period from
 * the index by client and day, which holds all a figure needs (the clients
 * of a tag are a tenth of the file, their orders found without reading the
 * others'); otherwise @otherwise, or the planner's choice when %NULL. */
const char *
_rapport_analytics_orders_index (const RapportAnalyticsQuery *query,
                                 const char                  *otherwise)
{
  if (_rapport_analytics_has_client_filter (query))
    return " INDEXED BY orders_by_client_day";
  /* An item's orders are found by their id (see above). */
  if (otherwise == NULL || _rapport_analytics_uses_item_orders (query))
    return "";
  if (g_str_equal (otherwise, "orders_sales_by_day"))
    return " INDEXED BY orders_sales_by_day";
  g_return_val_if_reached ("");
}

/* Whether the clients of the query's filter are one group of step 0020:
 * a tag or a place (not both, not an empty place; an address's empty
 * city is no place), and no item. */
gboolean
_rapport_analytics_uses_group_summaries (const RapportAnalyticsQuery *query)
{
  return !_rapport_analytics_has_line_filter (query)
         && (query->client_tag != NULL) != (query->place != NULL)
         && (query->place == NULL || query->place[0] != '\0');
}

/* That group's id, as an SQL expression (a tag's id, minus a place's):
 * NULL, which matches nothing, when there is no such tag or place (or
 * the tag's id is not above zero, as only a file written by hand has it:
 * step 0020 keeps no group for it). */
const char *
_rapport_analytics_group_id (const RapportAnalyticsQuery *query)
{
  return query->client_tag != NULL ? "(SELECT t.id FROM tags t WHERE t.name = ?4 AND t.id > 0)"
                                   : "-(SELECT p.id FROM analytics_places p WHERE p.name = ?5)";
}

/* The rows “d” of @table, a summary whose key starts with the day
 * (YYYY-MM-DD) and the member of staff, for the period ?1 to ?2, as what
 * follows FROM; the statement still says which days and whose it wants.
 * Under one member of staff (?3) they are sought a day at a time, each
 * day's rows of that member together in the key, where a range of days
 * reads everyone's: for a year of the benchmark's lines by day, 5 against
 * 15 ms. The days run from the period's first, or the table's first if
 * later, to the last the table holds within the period, so that a long
 * period seeks no more days than the table has. */
char *
_rapport_analytics_days_from (const RapportAnalyticsQuery *query,
                              const char                  *table)
{
  if (query->staff_id <= 0)
    return g_strdup_printf ("%s d", table);
  return g_strdup_printf ("(WITH RECURSIVE p (day) AS (SELECT max(?1, coalesce(date((SELECT min(day) FROM %s)), ?1))"
                          " UNION ALL SELECT date(day, '+1 day') FROM p"
                          " WHERE day < min(?2, (SELECT max(day) FROM %s)))"
                          " SELECT day FROM p) p CROSS JOIN %s d ON d.day = p.day AND d.staff_id = ?3",
                          table, table, table);
}

/* The condition that keeps one tag's or place's rows of the period, and
 * of its member of staff under that filter too, in a table of group rows
 * (group_id, day, staff_id) named @alias (or not named, if %NULL). */
char *
_rapport_analytics_group_period (const RapportAnalyticsQuery *query,
                                 const char                  *alias)
{
  g_autofree char *prefix = alias != NULL ? g_strconcat (alias, ".", NULL) : g_strdup ("");
  GString *sql = g_string_new (NULL);

  g_string_printf (sql, "%sgroup_id = %s AND %sday BETWEEN ?1 AND ?2",
                   prefix, _rapport_analytics_group_id (query), prefix);
  if (query->staff_id > 0)
    g_string_append_printf (sql, " AND %sstaff_id = ?3", prefix);
  return g_string_free (sql, FALSE);
}

/* Sales by day and status under a filter sales_days does not keep: the
 * orders (@orders) and the payments (@payments) of the period, each
 * statement as rapport-analytics.c reads them. Under a catalog item (and
 * no tag or place), from the item's orders and payments by day (step
 * 0018) unless @from_summaries is %FALSE; otherwise from the orders. */
void
_rapport_analytics_filtered_sales_sql (const RapportAnalyticsQuery  *query,
                                       gboolean                      from_summaries,
                                       GString                     **orders,
                                       GString                     **payments)
{
  const char *staff = query->staff_id > 0 ? " AND staff_id = ?3" : "";

  /* A tag's or a place's rows of the period (step 0020), in day order:
   * added up by the reader. They say whether an order is a sale, which is
   * all the reader looks at in a status. */
  if (from_summaries && _rapport_analytics_uses_group_summaries (query))
    {
      g_autofree char *period = _rapport_analytics_group_period (query, NULL);

      *orders = g_string_new (NULL);
      g_string_printf (*orders, "SELECT day, CASE WHEN sale THEN 'confirmed' ELSE 'cancelled' END, orders, amount"
                       " FROM group_days WHERE %s", period);
      *payments = g_string_new (NULL);
      g_string_printf (*payments, "SELECT day, CASE WHEN sale THEN 'confirmed' ELSE 'cancelled' END, received, refunded"
                       " FROM group_days WHERE %s", period);
      return;
    }
  if (from_summaries && _rapport_analytics_reads_item_orders (query))
    {
      /* The item's orders by day and status (step 0026), in day order:
       * added up by the reader. (Drafts, which it does not keep, are
       * neither sales nor cancelled.) */
      *orders = g_string_new (NULL);
      g_string_printf (*orders, "SELECT day, status, orders, amount FROM item_funnel_days"
                       " WHERE item_id = ?6 AND day BETWEEN ?1 AND ?2%s", staff);
      *payments = g_string_new (NULL);
      g_string_printf (*payments, "SELECT day, status, sum(received), sum(refunded) FROM item_payment_days"
                       " WHERE item_id = ?6 AND day BETWEEN ?1 AND ?2%s GROUP BY 1, 2", staff);
      return;
    }

  *orders = g_string_new (NULL);
  g_string_printf (*orders, "SELECT o.ordered_on, o.status, count(*), sum(%s) FROM orders o%s"
                   " WHERE o.ordered_on BETWEEN ?1 AND ?2",
                   from_summaries ? _rapport_analytics_order_amount (query) : _rapport_analytics_line_amount (query),
                   from_summaries || _rapport_analytics_has_client_filter (query)
                   ? _rapport_analytics_orders_index (query, "orders_sales_by_day") : " INDEXED BY orders_sales_by_day");
  _rapport_analytics_append_order_filters_for (*orders, query, from_summaries ? "io.day BETWEEN ?1 AND ?2" : NULL);
  g_string_append (*orders, " GROUP BY 1, 2");

  /* A payment of the period may be for an order of any day. Under a tag
   * or place (and no item), the payments by client of the tag's clients;
   * otherwise the payments of the period, then their order. */
  if (_rapport_analytics_has_client_filter (query) && !_rapport_analytics_has_line_filter (query))
    {
      *payments = g_string_new ("SELECT day, status, sum(received), sum(refunded) FROM client_payment_days cp"
                                " WHERE cp.day BETWEEN ?1 AND ?2");
      if (query->staff_id > 0)
        g_string_append (*payments, " AND cp.staff_id = ?3");
      _rapport_analytics_append_client_filters (*payments, query, "cp.client_id");
      g_string_append (*payments, " GROUP BY 1, 2");
      return;
    }
  /* A payment's order may be of any day: its item is looked for among
   * its lines. */
  *payments = g_string_new ("SELECT p.paid_on, o.status, sum(max(p.amount, 0)), sum(max(-p.amount, 0))"
                            " FROM payments p JOIN orders o ON o.id = p.order_id"
                            " WHERE p.paid_on BETWEEN ?1 AND ?2");
  _rapport_analytics_append_order_filters_for (*payments, query, NULL);
  g_string_append (*payments, " GROUP BY 1, 2");
}

/* New and returning clients under a filter: clients with a counted order
 * of the period that passes the filters, new when their first counted
 * order is in the period. Under a tag or place, read from the clients of
 * the tag or place, each one's orders looked up by the index by client. */
GString *
_rapport_analytics_filtered_clients_sql (const RapportAnalyticsQuery *query,
                                         gboolean                     from_summaries)
{
  GString *sql = g_string_new ("SELECT count(*), total(cs.first_day >= ?1) FROM client_sales cs WHERE ");

  if (_rapport_analytics_has_client_filter (query))
    {
      g_string_append (sql, "1");
      _rapport_analytics_append_client_filters (sql, query, "cs.client_id");
      g_string_append (sql, " AND EXISTS (SELECT 1 FROM orders o INDEXED BY orders_by_client_day"
                       " WHERE o.client_id = cs.client_id AND o.ordered_on BETWEEN ?1 AND ?2"
                       " AND o.status IN " RAPPORT_ANALYTICS_COUNTED);
      if (query->staff_id > 0)
        g_string_append (sql, " AND o.staff_id = ?3");
      if (_rapport_analytics_has_line_filter (query))
        g_string_append (sql, " AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id"
                         RAPPORT_ANALYTICS_LINE_MATCH ")");
      g_string_append_c (sql, ')');
      return sql;
    }
  /* The period's orders from the index of sales by day, which holds the
   * staff and the client (the planner's choice reads each order's row). */
  g_string_append (sql, "cs.client_id IN (SELECT o.client_id FROM orders o INDEXED BY orders_sales_by_day"
                   " WHERE o.ordered_on BETWEEN ?1 AND ?2 AND o.status IN " RAPPORT_ANALYTICS_COUNTED);
  _rapport_analytics_append_order_filters_for (sql, query, from_summaries ? "io.day BETWEEN ?1 AND ?2" : NULL);
  g_string_append_c (sql, ')');
  return sql;
}
