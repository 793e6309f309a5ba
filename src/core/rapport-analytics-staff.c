/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Each member of staff's orders, interactions, follow-ups and quotes.
 * Unless the clients are filtered, the interactions and follow-ups are
 * read from their summaries by day (steps 0013 and 0015); under one tag or
 * one place, from the group's (step 0025); under a tag and a place, from
 * the interactions themselves. */

#include "config.h"

#include "rapport-analytics-private.h"

static void
append_interaction_filters (GString                     *sql,
                            const RapportAnalyticsQuery *query)
{
  if (query->staff_id > 0)
    g_string_append (sql, " AND i.staff_id = ?3");
  _rapport_analytics_append_client_filters (sql, query, "i.client_id");
}

/* The UTC day of @moment, rounded down, as interaction_days counts them. */
static gint64
utc_day (gint64 moment)
{
  return moment / 86400 - (moment % 86400 < 0);
}

/* Interactions logged in the period (?8 to ?9), by whom. From the
 * summaries: the whole UTC days inside the period (?12 to ?13, the day
 * after) from interaction_days, and the hours at either end (?8 to ?14,
 * ?15 to ?9) from the index of interactions by time. */
static RapportStmt *
prepare_logged (RapportSqlite                *db,
                const RapportAnalyticsQuery  *query,
                GError                      **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  RapportStmt *stmt;
  gint64 start, end, first_day, end_day;

  if (_rapport_analytics_has_client_filter (query) && !_rapport_analytics_uses_group_summaries (query))
    {
      g_string_append (sql, "SELECT coalesce(i.staff_id, 0), count(*) FROM interactions i"
                       " WHERE i.occurred_at >= ?8 AND i.occurred_at < ?9");
      append_interaction_filters (sql, query);
      g_string_append (sql, " GROUP BY 1");
      return _rapport_analytics_prepare (db, sql->str, query, error);
    }

  if (_rapport_analytics_uses_group_summaries (query))
    g_string_append_printf (sql, "SELECT staff, sum(n) FROM (SELECT staff_id AS staff, logged AS n"
                            " FROM group_interaction_days WHERE group_id = %s AND day >= ?12 AND day < ?13",
                            _rapport_analytics_group_id (query));
  else
    g_string_append (sql, "SELECT staff, sum(n) FROM (SELECT staff_id AS staff, logged AS n FROM interaction_days"
                     " WHERE day >= ?12 AND day < ?13");
  if (query->staff_id > 0)
    g_string_append (sql, " AND staff_id = ?3");
  /* The hours at either end by time: the planner would read all of a
   * member of staff's interactions through the index by staff. */
  g_string_append (sql, " UNION ALL SELECT coalesce(i.staff_id, 0), 1 FROM interactions i INDEXED BY interactions_by_time"
                   " WHERE i.occurred_at >= ?8 AND i.occurred_at < ?14");
  append_interaction_filters (sql, query);
  g_string_append (sql, " UNION ALL SELECT coalesce(i.staff_id, 0), 1 FROM interactions i INDEXED BY interactions_by_time"
                   " WHERE i.occurred_at >= ?15 AND i.occurred_at < ?9");
  append_interaction_filters (sql, query);
  g_string_append (sql, ") GROUP BY 1");
  stmt = _rapport_analytics_prepare (db, sql->str, query, error);
  if (stmt == NULL)
    return NULL;

  start = _rapport_analytics_local_day_start (query->from_day, 0);
  end = _rapport_analytics_local_day_start (query->to_day, 1);
  first_day = utc_day (start) + (start % 86400 != 0);
  end_day = utc_day (end);
  if (first_day >= end_day)
    {
      /* No whole UTC day: all from the index. */
      first_day = end_day = 0;
      _rapport_stmt_bind_int (stmt, 14, end);
      _rapport_stmt_bind_int (stmt, 15, end);
    }
  else
    {
      _rapport_stmt_bind_int (stmt, 14, first_day * 86400);
      _rapport_stmt_bind_int (stmt, 15, end_day * 86400);
    }
  _rapport_stmt_bind_int (stmt, 12, first_day);
  _rapport_stmt_bind_int (stmt, 13, end_day);
  return stmt;
}

/* Follow-ups due in the period, by whom: done on time, and late (done
 * late, or open past the end of the day they were due as of ?10). On
 * time is done before the end of that day on the local clock, the
 * reader's (SQLite's “utc” reads the day as local time). With no client
 * filter, the done ones are added by add_done_follow_ups(). */
static RapportStmt *
prepare_follow_ups (RapportSqlite                *db,
                    const RapportAnalyticsQuery  *query,
                    gint64                        now,
                    GError                      **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  RapportStmt *stmt;

  if (_rapport_analytics_has_client_filter (query))
    {
      /* The done and the open are read from an index each, and then
       * their client looked at (the planner's choice, the index by
       * client, reads every interaction of the clients). */
      g_string_assign (sql, "SELECT staff, total(on_time), total(late) FROM ("
                       "SELECT coalesce(i.staff_id, 0) AS staff,"
                       " i.follow_up_done_at < unixepoch(i.follow_up_on, '+1 day', 'utc') AS on_time,"
                       " i.follow_up_done_at >= unixepoch(i.follow_up_on, '+1 day', 'utc') AS late"
                       " FROM interactions i INDEXED BY interactions_done_follow_ups"
                       " WHERE i.follow_up_on IS NOT NULL AND i.follow_up_done_at IS NOT NULL"
                       " AND i.follow_up_on BETWEEN ?1 AND ?2");
      append_interaction_filters (sql, query);
      g_string_append (sql, " UNION ALL SELECT coalesce(i.staff_id, 0), 0,"
                       " ?10 >= unixepoch(i.follow_up_on, '+1 day', 'utc')"
                       " FROM interactions i INDEXED BY interactions_open_follow_ups"
                       " WHERE i.follow_up_on IS NOT NULL AND i.follow_up_done_at IS NULL"
                       " AND i.follow_up_on BETWEEN ?1 AND ?2");
      append_interaction_filters (sql, query);
      g_string_append (sql, ") GROUP BY 1");
    }
  else
    {
      g_string_append (sql, "SELECT staff_id, 0,"
                       " sum(CASE WHEN ?10 >= unixepoch(day, '+1 day', 'utc') THEN open ELSE 0 END)"
                       " FROM follow_up_days WHERE day BETWEEN ?1 AND ?2");
      if (query->staff_id > 0)
        g_string_append (sql, " AND staff_id = ?3");
      g_string_append (sql, " GROUP BY 1");
    }
  stmt = _rapport_analytics_prepare (db, sql->str, query, error);
  if (stmt != NULL)
    _rapport_stmt_bind_int (stmt, 10, now);
  return stmt;
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

/* How many seconds after the end of @day on the UTC clock it ends on the
 * local one (the zone's offset, negated), or 0 for no day. */
static gint64
local_day_end_shift (const char *day)
{
  gint64 local_end = _rapport_analytics_local_day_start (day, 1);
  GDate date, epoch;

  if (local_end == 0 || !_rapport_analytics_parse_day (day, &date))
    return 0;
  g_date_clear (&epoch, 1);
  g_date_set_dmy (&epoch, 1, G_DATE_JANUARY, 1970);
  return local_end - ((gint64) g_date_days_between (&epoch, &date) + 1) * 86400;
}

/* Adds a row of follow-ups done (its day, member of staff, quarter hour
 * and how many) to its member of staff's, and returns that. The rows come
 * by day: the zone is asked once a day (@day and @shift keep the last). */
static RapportStaffRow *
add_done_row (RapportStmt *stmt,
              GHashTable  *rows,
              char       **day,
              gint64      *shift)
{
  RapportStaffRow *row = staff_row (rows, _rapport_stmt_column_int (stmt, 1));
  guint done = (guint) CLAMP (_rapport_stmt_column_int (stmt, 3), 0, G_MAXUINT);

  if (g_strcmp0 (*day, _rapport_stmt_column_text (stmt, 0)) != 0)
    {
      g_free (*day);
      *day = g_strdup (_rapport_stmt_column_text (stmt, 0));
      *shift = local_day_end_shift (*day);
    }
  if (_rapport_stmt_column_int (stmt, 2) * 900 < *shift)
    row->follow_ups_on_time += done;
  else
    row->follow_ups_late += done;
  return row;
}

/* The follow-ups done, from follow_up_done_days (step 0015): a quarter
 * hour after the UTC end of the day is on time when it starts before the
 * local end. (Zones are whole quarter hours off UTC, so this is exact; a
 * zone's old local mean time counts to its quarter hour.) */
static gboolean
add_done_follow_ups (RapportSqlite                *db,
                     const RapportAnalyticsQuery  *query,
                     GHashTable                   *rows,
                     GError                      **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *day = NULL;
  gint64 shift = 0;
  gboolean has_row, ok;

  stmt = _rapport_analytics_prepare (db, query->staff_id > 0
                                     ? "SELECT day, staff_id, quarter, done FROM follow_up_done_days"
                                       " WHERE day BETWEEN ?1 AND ?2 AND staff_id = ?3"
                                     : "SELECT day, staff_id, quarter, done FROM follow_up_done_days"
                                       " WHERE day BETWEEN ?1 AND ?2", query, error);
  if (stmt == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    add_done_row (stmt, rows, &day, &shift);
  return ok;
}

/* Under one tag or one place, the follow-ups due in the period from the
 * group's by day (step 0025): the done ones as add_done_follow_ups()
 * counts them, the open ones late when the end of the day they were due
 * has passed ?10, as prepare_follow_ups() counts them. */
static gboolean
add_group_follow_ups (RapportSqlite                *db,
                      const RapportAnalyticsQuery  *query,
                      gint64                        now,
                      GHashTable                   *rows,
                      GError                      **error)
{
  g_autofree char *period = _rapport_analytics_group_period (query, NULL);
  g_autofree char *sql = g_strdup_printf ("SELECT day, staff_id, quarter, done,"
                                          " CASE WHEN ?10 >= unixepoch(day, '+1 day', 'utc') THEN open ELSE 0 END"
                                          " FROM group_follow_up_days WHERE %s", period);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *day = NULL;
  gint64 shift = 0;
  gboolean has_row, ok;

  stmt = _rapport_analytics_prepare (db, sql, query, error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 10, now);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      RapportStaffRow *row = add_done_row (stmt, rows, &day, &shift);

      row->follow_ups_late += (guint) CLAMP (_rapport_stmt_column_int (stmt, 4), 0, G_MAXUINT);
    }
  return ok;
}

/* Each member of staff's follow-ups due in the period, on time and late. */
static gboolean
read_follow_ups (RapportSqlite                *db,
                 const RapportAnalyticsQuery  *query,
                 gint64                        now,
                 GHashTable                   *rows,
                 GError                      **error)
{
  g_autoptr(RapportStmt) follow_ups = NULL;
  gboolean has_row, ok;

  if (_rapport_analytics_uses_group_summaries (query))
    return add_group_follow_ups (db, query, now, rows, error);

  follow_ups = prepare_follow_ups (db, query, now, error);
  if (follow_ups == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, follow_ups, &has_row, error)) && has_row)
    {
      RapportStaffRow *row = staff_row (rows, _rapport_stmt_column_int (follow_ups, 0));

      row->follow_ups_on_time = (guint) _rapport_stmt_column_int (follow_ups, 1);
      row->follow_ups_late = (guint) _rapport_stmt_column_int (follow_ups, 2);
    }
  if (!ok)
    return FALSE;
  return _rapport_analytics_has_client_filter (query) || add_done_follow_ups (db, query, rows, error);
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

gboolean
_rapport_analytics_read_staff (RapportSqlite                *db,
                               const RapportAnalyticsQuery  *query,
                               GPtrArray                    *by_staff,
                               GHashTable                   *staff_quotes,
                               gint64                        now,
                               GPtrArray                   **staff_out,
                               GError                      **error)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);
  g_autoptr(GPtrArray) result = _rapport_staff_rows_new ();
  g_autoptr(RapportStmt) names = NULL;
  g_autoptr(RapportStmt) logged = NULL;
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

  logged = prepare_logged (db, query, error);
  if (logged == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, logged, &has_row, error)) && has_row)
    staff_row (rows, _rapport_stmt_column_int (logged, 0))->interactions =
      (guint) CLAMP (_rapport_stmt_column_int (logged, 1), 0, G_MAXUINT);
  if (!ok)
    return FALSE;

  if (!read_follow_ups (db, query, now, rows, error))
    return FALSE;

  g_hash_table_iter_init (&iter, staff_quotes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      RapportStaffQuotes *quotes = value;

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
