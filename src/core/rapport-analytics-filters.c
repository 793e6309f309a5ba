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

/* Conditions on the orders “o” for the query's filters. */
void
_rapport_analytics_append_order_filters (GString                     *sql,
                      const RapportAnalyticsQuery *query)
{
  if (query->staff_id > 0)
    g_string_append (sql, " AND o.staff_id = ?3");
  _rapport_analytics_append_client_filters (sql, query, "o.client_id");
  if (_rapport_analytics_has_line_filter (query))
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id" RAPPORT_ANALYTICS_LINE_MATCH ")");
}

/* What an order “o” comes to under the query: its total or, filtered by
 * item, the total of the matching lines. */
const char *
_rapport_analytics_order_amount (const RapportAnalyticsQuery *query)
{
  return _rapport_analytics_has_line_filter (query)
         ? "(SELECT sum(l.gross) FROM order_lines l WHERE l.order_id = o.id" RAPPORT_ANALYTICS_LINE_MATCH ")"
         : "o.total";
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
