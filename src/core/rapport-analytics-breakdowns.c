/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Sales by product, staff, region and campaign. Without a filter on
 * clients (and, but for products, on items) they are read from the
 * summaries by day: line_days (step 0012), sales_days (0008) and
 * region_days (0013); under one tag or one place, from the group's
 * (group_lines and group_regions, step 0023; group_days, 0020). */

#include "config.h"

#include "rapport-analytics-private.h"

static gboolean
read_breakdown (RapportSqlite                *db,
                const char                   *sql,
                const RapportAnalyticsQuery  *query,
                GPtrArray                    *rows,
                GError                      **error)
{
  g_autoptr(RapportStmt) stmt = _rapport_analytics_prepare (db, sql, query, error);
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

typedef struct
{
  gint64  id;
  char   *label;
  gint64  orders;
  gint64  invoiced;
} Sum;

static void
sum_free (Sum *sum)
{
  g_free (sum->label);
  g_free (sum);
}

/* The sum of the group @id and @label in @sums, made when new. */
static Sum *
sum_for (GHashTable *sums,
         GString    *key,
         gint64      id,
         const char *label)
{
  Sum *sum;

  g_string_printf (key, "%" G_GINT64_FORMAT " %s", id, label);
  sum = g_hash_table_lookup (sums, key->str);
  if (sum == NULL)
    {
      sum = g_new0 (Sum, 1);
      sum->id = id;
      sum->label = g_strdup (label);
      g_hash_table_insert (sums, g_strdup (key->str), sum);
    }
  return sum;
}

/* The groups of @sums that come to an order at least, as rows. */
static void
add_sums (GHashTable *sums,
          GPtrArray  *rows)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, sums);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Sum *sum = value;
      RapportBreakdownRow *row;

      if (sum->orders <= 0)
        continue;
      row = g_new0 (RapportBreakdownRow, 1);
      row->id = sum->id;
      row->label = g_utf8_make_valid (sum->label, -1);
      row->orders = (guint) MIN (sum->orders, G_MAXUINT);
      row->invoiced = sum->invoiced;
      g_ptr_array_add (rows, row);
    }
}

/* Like read_breakdown(), for summaries of many rows a year (id, label,
 * orders, amount) whose groups are added up here: SQLite's GROUP BY
 * sorts them first, which costs several times reading them. Groups that
 * come to no order are left out. */
static gboolean
add_up_breakdown (RapportSqlite                *db,
                  const char                   *sql,
                  const RapportAnalyticsQuery  *query,
                  GPtrArray                    *rows,
                  GError                      **error)
{
  g_autoptr(RapportStmt) stmt = _rapport_analytics_prepare (db, sql, query, error);
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sum_free);
  g_autoptr(GString) key = g_string_new (NULL);
  gboolean has_row, ok;

  if (stmt == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      Sum *sum = sum_for (sums, key, _rapport_stmt_column_int (stmt, 0), _rapport_stmt_column_text (stmt, 1));

      sum->orders += _rapport_stmt_column_int (stmt, 2);
      sum->invoiced += _rapport_stmt_column_int (stmt, 3);
    }
  if (!ok)
    return FALSE;
  add_sums (sums, rows);
  return TRUE;
}

/* The same for order lines (order id, item id, name, amount), each
 * order's lines one after the other: an order counts once for each item
 * (or name) among its lines. A GROUP BY with count(DISTINCT) sorts the
 * lines twice, which cost three times reading them. */
static gboolean
add_up_lines (RapportSqlite                *db,
              const char                   *sql,
              const RapportAnalyticsQuery  *query,
              GPtrArray                    *rows,
              GError                      **error)
{
  g_autoptr(RapportStmt) stmt = _rapport_analytics_prepare (db, sql, query, error);
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sum_free);
  g_autoptr(GHashTable) in_order = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) key = g_string_new (NULL);
  gint64 order = 0;
  gboolean has_row, ok, first = TRUE;

  if (stmt == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      gint64 id = _rapport_stmt_column_int (stmt, 0);
      Sum *sum = sum_for (sums, key, _rapport_stmt_column_int (stmt, 1), _rapport_stmt_column_text (stmt, 2));

      if (first || id != order)
        {
          g_hash_table_remove_all (in_order);
          order = id;
          first = FALSE;
        }
      if (g_hash_table_add (in_order, sum))
        sum->orders++;
      sum->invoiced += _rapport_stmt_column_int (stmt, 3);
    }
  if (!ok)
    return FALSE;
  add_sums (sums, rows);
  return TRUE;
}

/* The names of the catalog items among @rows, whose label is then “”. */
static gboolean
name_items (RapportSqlite  *db,
            GPtrArray      *rows,
            GError        **error)
{
  g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (db, "SELECT name FROM catalog_items WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      RapportBreakdownRow *row = g_ptr_array_index (rows, i);
      gboolean has_row;

      if (row->id == 0)
        continue;
      sqlite3_reset (stmt);
      _rapport_stmt_bind_int (stmt, 1, row->id);
      if (!_rapport_sqlite_step (db, stmt, &has_row, error))
        return FALSE;
      g_free (row->label);
      row->label = g_utf8_make_valid (has_row ? _rapport_stmt_column_text (stmt, 0) : "", -1);
    }
  return TRUE;
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

GPtrArray *
_rapport_analytics_breakdown (RapportSqlite                *db,
                              const RapportAnalyticsQuery  *query,
                              RapportAnalyticsDimension     dimension,
                              const RapportSales           *sales,
                              GError                      **error)
{
  g_autoptr(GPtrArray) rows = _rapport_breakdown_rows_new ();
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *group_period = _rapport_analytics_uses_group_summaries (query)
                                  ? _rapport_analytics_group_period (query, "d") : NULL;

  switch (dimension)
    {
    case RAPPORT_ANALYTICS_BY_PRODUCT:
      if (_rapport_analytics_reads_item_orders (query))
        {
          /* The item's sales of the period from its orders by day (step
           * 0026), each order once however many kinds its lines of the
           * item have, as the lines are added up under a tag: the lines
           * by day hold a row a kind, and finding the item's among a year
           * of them read them all. */
          g_string_append_printf (sql, "SELECT ?6, '', sum(orders), sum(amount) FROM item_funnel_days"
                                  " WHERE item_id = ?6 AND day BETWEEN ?1 AND ?2"
                                  " AND status IN " RAPPORT_ANALYTICS_COUNTED "%s HAVING sum(orders) > 0",
                                  query->staff_id > 0 ? " AND staff_id = ?3" : "");
          if (!add_up_breakdown (db, sql->str, query, rows, error) || !name_items (db, rows, error))
            return NULL;
          return g_steal_pointer (&rows);
        }
      if (query->client_tag == NULL && query->place == NULL)
        {
          /* The lines by day carry the staff and item filters. They
           * count an order once a kind: of any kind, the orders they
           * count twice for an item (step 0027) are taken off. */
          g_autofree char *from = _rapport_analytics_days_from (query, "line_days");
          const char *staff = query->staff_id > 0 ? " AND d.staff_id = ?3" : "";

          g_string_append_printf (sql, "SELECT d.item_id, d.name, d.orders, d.amount FROM %s"
                                  " WHERE d.day BETWEEN ?1 AND ?2 AND d.status IN " RAPPORT_ANALYTICS_COUNTED
                                  " AND (?6 = 0 OR d.item_id = ?6) AND (?7 IS NULL OR d.kind = ?7)%s"
                                  " UNION ALL SELECT d.item_id, d.name, -d.orders, 0 FROM line_kind_repeats d"
                                  " WHERE ?7 IS NULL AND d.day BETWEEN ?1 AND ?2 AND d.status IN "
                                  RAPPORT_ANALYTICS_COUNTED " AND (?6 = 0 OR d.item_id = ?6)%s",
                                  from, staff, staff);
          if (!add_up_breakdown (db, sql->str, query, rows, error) || !name_items (db, rows, error))
            return NULL;
          g_ptr_array_sort (rows, compare_breakdown_rows);
          return g_steal_pointer (&rows);
        }
      if (_rapport_analytics_uses_group_summaries (query))
        {
          /* A tag's or a place's lines by day and item (step 0023),
           * each sale counted once for an item whatever the kinds of its
           * lines, as below. */
          g_string_append_printf (sql, "SELECT d.item_id, d.name, d.orders, d.amount FROM group_lines d"
                                  " WHERE %s", group_period);
          if (!add_up_breakdown (db, sql->str, query, rows, error) || !name_items (db, rows, error))
            return NULL;
          g_ptr_array_sort (rows, compare_breakdown_rows);
          return g_steal_pointer (&rows);
        }
      /* Under a tag and a place, or an item or a kind with them, the
       * lines of the clients' orders, each order's together (CROSS JOIN
       * keeps the orders outside). */
      g_string_append_printf (sql, "SELECT o.id, coalesce(l.catalog_item_id, 0),"
                              " CASE WHEN l.catalog_item_id IS NULL THEN l.name ELSE '' END, l.gross"
                              " FROM orders o%s CROSS JOIN order_lines l ON l.order_id = o.id"
                              " WHERE o.ordered_on BETWEEN ?1 AND ?2 AND o.status IN " RAPPORT_ANALYTICS_COUNTED,
                              _rapport_analytics_orders_index (query, NULL));
      if (_rapport_analytics_has_line_filter (query))
        g_string_append (sql, RAPPORT_ANALYTICS_LINE_MATCH);
      if (query->staff_id > 0)
        g_string_append (sql, " AND o.staff_id = ?3");
      _rapport_analytics_append_client_filters (sql, query, "o.client_id");
      if (!add_up_lines (db, sql->str, query, rows, error) || !name_items (db, rows, error))
        return NULL;
      g_ptr_array_sort (rows, compare_breakdown_rows);
      return g_steal_pointer (&rows);
    case RAPPORT_ANALYTICS_BY_STAFF:
      if (_rapport_analytics_reads_item_orders (query))
        /* A catalog item's orders by day hold the staff (step 0026). */
        g_string_append_printf (sql, "SELECT d.staff_id, coalesce(s.name, ''), sum(d.orders), sum(d.amount)"
                                " FROM item_funnel_days d LEFT JOIN staff s ON s.id = d.staff_id"
                                " WHERE d.item_id = ?6 AND d.day BETWEEN ?1 AND ?2"
                                " AND d.status IN " RAPPORT_ANALYTICS_COUNTED "%s GROUP BY 1",
                                query->staff_id > 0 ? " AND d.staff_id = ?3" : "");
      else if (_rapport_analytics_uses_group_summaries (query))
        /* A tag's or a place's sales by day (step 0020). */
        g_string_append_printf (sql, "SELECT d.staff_id, coalesce(s.name, ''), sum(d.orders), sum(d.amount)"
                                " FROM group_days d LEFT JOIN staff s ON s.id = d.staff_id"
                                " WHERE %s AND d.sale GROUP BY d.staff_id HAVING sum(d.orders) > 0",
                                group_period);
      else if (_rapport_analytics_uses_summaries (query))
        g_string_append_printf (sql, "SELECT d.staff_id, coalesce(s.name, ''), sum(d.orders), sum(d.amount)"
                                " FROM sales_days d LEFT JOIN staff s ON s.id = d.staff_id"
                                " WHERE d.day BETWEEN ?1 AND ?2 AND d.status IN " RAPPORT_ANALYTICS_COUNTED "%s"
                                " GROUP BY d.staff_id HAVING sum(d.orders) > 0",
                                query->staff_id > 0 ? " AND d.staff_id = ?3" : "");
      else
        {
          g_string_append_printf (sql, "SELECT coalesce(o.staff_id, 0), coalesce(s.name, ''), count(*), sum(%s)",
                                  _rapport_analytics_period_amount (query));
          _rapport_analytics_append_period_orders (sql, query, NULL);
          g_string_append (sql, " LEFT JOIN staff s ON s.id = o.staff_id"
                           " WHERE o.ordered_on BETWEEN ?1 AND ?2 AND o.status IN " RAPPORT_ANALYTICS_COUNTED);
          _rapport_analytics_append_period_filters (sql, query);
          g_string_append (sql, " GROUP BY 1");
        }
      break;
    case RAPPORT_ANALYTICS_BY_REGION:
      if (_rapport_analytics_uses_summaries (query))
        {
          /* The sales by region by day carry the staff filter. */
          g_autofree char *from = _rapport_analytics_days_from (query, "region_days");

          g_string_append_printf (sql, "SELECT 0, d.region, d.orders, d.amount FROM %s"
                                  " WHERE d.day BETWEEN ?1 AND ?2%s",
                                  from, query->staff_id > 0 ? " AND d.staff_id = ?3" : "");
          if (!add_up_breakdown (db, sql->str, query, rows, error))
            return NULL;
          g_ptr_array_sort (rows, compare_breakdown_rows);
          return g_steal_pointer (&rows);
        }
      if (_rapport_analytics_uses_group_summaries (query))
        {
          /* A tag's or a place's sales by day and region (step 0023). */
          g_string_append_printf (sql, "SELECT 0, d.region, d.orders, d.amount FROM group_regions d"
                                  " WHERE %s", group_period);
          if (!add_up_breakdown (db, sql->str, query, rows, error))
            return NULL;
          g_ptr_array_sort (rows, compare_breakdown_rows);
          return g_steal_pointer (&rows);
        }
      if (_rapport_analytics_reads_item_orders (query))
        {
          /* A catalog item's rows of the period hold the client: a look
           * at each row's client's region (grouping by client first sorted
           * the rows twice), added up here (SQLite's GROUP BY sorted the
           * rows by region first). */
          g_string_append_printf (sql, "SELECT 0, coalesce(r.region, ''), 1, io.amount"
                                  " FROM item_orders io LEFT JOIN client_regions r ON r.client_id = io.client_id"
                                  " WHERE io.item_id = ?6 AND io.day BETWEEN ?1 AND ?2"
                                  " AND io.status IN " RAPPORT_ANALYTICS_COUNTED "%s",
                                  query->staff_id > 0 ? " AND io.staff_id = ?3" : "");
          if (!add_up_breakdown (db, sql->str, query, rows, error))
            return NULL;
          g_ptr_array_sort (rows, compare_breakdown_rows);
          return g_steal_pointer (&rows);
        }
      /* Each client's orders first, then one look at the client's region
       * (step 0013 keeps it as their addresses change). The orders come
       * from the index of sales by day, which holds all it needs (the
       * planner's choice, the index by status, looks up each row). */
      g_string_append_printf (sql, "SELECT 0, coalesce((SELECT r.region FROM client_regions r"
                              " WHERE r.client_id = per.client_id), '') AS place, sum(per.n), sum(per.amount)"
                              " FROM (SELECT o.client_id, count(*) AS n, sum(%s) AS amount",
                              _rapport_analytics_period_amount (query));
      _rapport_analytics_append_period_orders (sql, query, "orders_sales_by_day");
      g_string_append (sql, " WHERE o.ordered_on BETWEEN ?1 AND ?2 AND o.status IN " RAPPORT_ANALYTICS_COUNTED);
      _rapport_analytics_append_period_filters (sql, query);
      g_string_append (sql, " GROUP BY o.client_id) per GROUP BY place");
      break;
    case RAPPORT_ANALYTICS_BY_CAMPAIGN:
      /* Only the orders of a campaign are read; the rest is the row of none.
       * Without its index the planner reads every counted order. */
      g_string_append_printf (sql, "SELECT o.campaign_id, coalesce(c.name, ''), count(*), sum(%s)"
                              " FROM orders o INDEXED BY orders_by_campaign"
                              " LEFT JOIN campaigns c ON c.id = o.campaign_id"
                              " WHERE o.campaign_id IS NOT NULL AND +o.ordered_on BETWEEN ?1 AND ?2"
                              " AND o.status IN " RAPPORT_ANALYTICS_COUNTED, _rapport_analytics_order_amount (query));
      _rapport_analytics_append_order_filters (sql, query);
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
