/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* The funnel, won and lost, and each member of staff's quotes. Without a
 * filter on items, tags or places they are read from the funnel by day
 * (step 0013: a few thousand rows a year); under one tag or one place,
 * from the group's funnel by day (step 0025); under one catalog item (and
 * no kind, tag or place), from the item's (step 0026); otherwise from the
 * orders of the period. All add up the same way (count_orders()), and all take the
 * median times from a histogram of the same buckets. */

#include "config.h"

#include <string.h>

#include "rapport-analytics-private.h"

/* A bucket of time spent before a step: the hour under two days, the day
 * beyond (as step 0013's funnel_durations cuts them). */
#define HOUR_BUCKETS_BELOW 172800

typedef struct
{
  gint64 bucket;
  gint64 orders;
} TimeBucket;

typedef struct
{
  RapportFunnel     *funnel;
  RapportFunnelStep *steps[RAPPORT_FUNNEL_N_STAGES];
  /* (element-type TimeBucket), one a step */
  GArray            *times[RAPPORT_FUNNEL_N_STAGES];
  /* gint64 bucket → its index in times */
  GHashTable        *buckets[RAPPORT_FUNNEL_N_STAGES];
  GHashTable        *staff_quotes;
} Tally;

static void
tally_init (Tally         *tally,
            RapportFunnel *funnel,
            GHashTable    *staff_quotes)
{
  tally->funnel = funnel;
  tally->staff_quotes = staff_quotes;
  for (guint i = 0; i < RAPPORT_FUNNEL_N_STAGES; i++)
    {
      tally->steps[i] = g_new0 (RapportFunnelStep, 1);
      tally->steps[i]->stage = (RapportFunnelStage) i;
      g_ptr_array_add (funnel->steps, tally->steps[i]);
      tally->times[i] = g_array_new (FALSE, FALSE, sizeof (TimeBucket));
      tally->buckets[i] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
    }
}

static void
tally_clear (Tally *tally)
{
  for (guint i = 0; i < RAPPORT_FUNNEL_N_STAGES; i++)
    {
      g_clear_pointer (&tally->times[i], g_array_unref);
      g_clear_pointer (&tally->buckets[i], g_hash_table_unref);
    }
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Tally, tally_clear)

static gint64
bucket_of (gint64 spent)
{
  return spent < HOUR_BUCKETS_BELOW ? spent - spent % 3600 : spent - spent % 86400;
}

static void
add_time (Tally  *tally,
          guint   step,
          gint64  bucket,
          gint64  orders)
{
  TimeBucket time = { bucket, orders };
  gpointer at;

  if (orders <= 0)
    return;
  /* Each bucket once, however many days hold it. */
  if (g_hash_table_lookup_extended (tally->buckets[step], &bucket, NULL, &at))
    g_array_index (tally->times[step], TimeBucket, GPOINTER_TO_UINT (at)).orders += orders;
  else
    {
      g_array_append_val (tally->times[step], time);
      g_hash_table_insert (tally->buckets[step], g_memdup2 (&bucket, sizeof bucket),
                           GUINT_TO_POINTER (tally->times[step]->len - 1));
    }
}

/* @orders orders of one status and lost reason that were (or not) quoted,
 * confirmed, paid in full and delivered, taken by @staff_id, coming to
 * @value: the steps they reached, won, and the staff's quotes. */
static void
count_orders (Tally      *tally,
              const char *status,
              gboolean    quoted,
              gboolean    confirmed_seen,
              gboolean    paid,
              gboolean    delivered,
              gint64      staff_id,
              gint64      orders,
              gint64      value)
{
  gboolean counted = _rapport_analytics_is_counted (status);
  gboolean reached[RAPPORT_FUNNEL_N_STAGES];
  RapportStaffQuotes *quotes = NULL;
  guint n = (guint) CLAMP (orders, 0, G_MAXUINT);

  if (orders <= 0)
    return;
  reached[RAPPORT_FUNNEL_QUOTED] = TRUE;
  reached[RAPPORT_FUNNEL_CONFIRMED] = counted || confirmed_seen;
  reached[RAPPORT_FUNNEL_PAID] = reached[RAPPORT_FUNNEL_CONFIRMED] && paid;
  reached[RAPPORT_FUNNEL_DELIVERED] = delivered;
  for (guint i = 0; i < RAPPORT_FUNNEL_N_STAGES; i++)
    if (reached[i])
      {
        tally->steps[i]->count += n;
        tally->steps[i]->value += value;
      }

  if (tally->staff_quotes != NULL)
    {
      quotes = g_hash_table_lookup (tally->staff_quotes, &staff_id);
      if (quotes == NULL)
        {
          quotes = g_new0 (RapportStaffQuotes, 1);
          g_hash_table_insert (tally->staff_quotes, g_memdup2 (&staff_id, sizeof staff_id), quotes);
        }
    }
  if (quoted && counted)
    {
      tally->funnel->won += n;
      tally->funnel->won_value += value;
      if (quotes != NULL)
        quotes->quotes_won += n;
    }
  else if (g_strcmp0 (status, "lost") == 0 && quotes != NULL)
    quotes->quotes_lost += n;
}

static int
compare_time_buckets (gconstpointer a,
                      gconstpointer b)
{
  const TimeBucket *x = a, *y = b;

  return (x->bucket > y->bucket) - (x->bucket < y->bucket);
}

/* The bucket of the lower middle of @times (-1 when empty): the median
 * rounded down to the hour, or beyond two days to the day. */
static gint64
median_of (GArray *times)
{
  gint64 total = 0, seen = 0, middle;

  g_array_sort (times, compare_time_buckets);
  for (guint i = 0; i < times->len; i++)
    total += g_array_index (times, TimeBucket, i).orders;
  if (total <= 0)
    return -1;
  middle = (total - 1) / 2;
  for (guint i = 0; i < times->len; i++)
    {
      const TimeBucket *time = &g_array_index (times, TimeBucket, i);

      seen += time->orders;
      if (seen > middle)
        return time->bucket;
    }
  g_assert_not_reached ();
}

static void
tally_finish (Tally *tally)
{
  for (guint i = 0; i < RAPPORT_FUNNEL_N_STAGES; i++)
    {
      RapportFunnelStep *step = tally->steps[i];

      step->median_seconds = i == 0 ? -1 : median_of (tally->times[i]);
      if (i == 0)
        step->conversion = 1.0;
      else
        step->conversion = tally->steps[i - 1]->count > 0
                           ? (double) step->count / tally->steps[i - 1]->count : 0.0;
    }
}

/* ---- From the funnel by day ---- */

/* Whether the query's funnel is read from a funnel by day: all orders'
 * (step 0013), one group's (step 0025) or one catalog item's (0026). */
static gboolean
reads_funnel_days (const RapportAnalyticsQuery *query)
{
  return _rapport_analytics_uses_summaries (query) || _rapport_analytics_uses_group_summaries (query)
         || _rapport_analytics_reads_item_orders (query);
}

/* The rows “d” of the period of @table (funnel_days or funnel_times), or
 * of its group's or item's table under a tag, place or catalog item, as a
 * FROM clause, and the conditions on them (into @where). */
static char *
funnel_days_from (const RapportAnalyticsQuery  *query,
                  const char                   *table,
                  char                        **where)
{
  const char *staff = query->staff_id > 0 ? " AND d.staff_id = ?3" : "";

  if (_rapport_analytics_uses_summaries (query))
    {
      *where = g_strdup_printf ("d.day BETWEEN ?1 AND ?2%s", staff);
      return _rapport_analytics_days_from (query, table);
    }
  if (_rapport_analytics_reads_item_orders (query))
    {
      *where = g_strdup_printf ("d.item_id = ?6 AND d.day BETWEEN ?1 AND ?2%s", staff);
      return g_strdup_printf ("item_%s d", table);
    }
  *where = _rapport_analytics_group_period (query, "d");
  return g_strdup_printf ("group_%s d", table);
}

static gboolean
tally_from_summaries (RapportSqlite                *db,
                      const RapportAnalyticsQuery  *query,
                      Tally                        *tally,
                      GError                      **error)
{
  g_autofree char *days_where = NULL;
  g_autofree char *days_from = funnel_days_from (query, "funnel_days", &days_where);
  g_autofree char *times_where = NULL;
  g_autofree char *times_from = funnel_days_from (query, "funnel_times", &times_where);
  g_autofree char *days_sql = g_strdup_printf ("SELECT d.status, d.quoted, d.confirmed, d.paid, d.delivered,"
                                               " d.staff_id, d.orders, d.amount FROM %s WHERE %s",
                                               days_from, days_where);
  /* Added up here: SQLite's GROUP BY sorts the ~90,000 rows of a year
   * first, which costs several times reading them. */
  g_autofree char *times_sql = g_strdup_printf ("SELECT d.step, d.bucket, d.orders FROM %s WHERE %s",
                                                times_from, times_where);
  g_autoptr(RapportStmt) days = NULL;
  g_autoptr(RapportStmt) times = NULL;
  gboolean has_row, ok;

  days = _rapport_analytics_prepare (db, days_sql, query, error);
  if (days == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, days, &has_row, error)) && has_row)
    count_orders (tally, _rapport_stmt_column_text (days, 0), _rapport_stmt_column_int (days, 1) != 0,
                  _rapport_stmt_column_int (days, 2) != 0, _rapport_stmt_column_int (days, 3) != 0,
                  _rapport_stmt_column_int (days, 4) != 0, _rapport_stmt_column_int (days, 5),
                  _rapport_stmt_column_int (days, 6), _rapport_stmt_column_int (days, 7));
  if (!ok)
    return FALSE;

  times = _rapport_analytics_prepare (db, times_sql, query, error);
  if (times == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, times, &has_row, error)) && has_row)
    {
      gint64 step = _rapport_stmt_column_int (times, 0);

      if (step > 0 && step < RAPPORT_FUNNEL_N_STAGES)
        add_time (tally, (guint) step, _rapport_stmt_column_int (times, 1), _rapport_stmt_column_int (times, 2));
    }
  return ok;
}

/* ---- From the orders, under a filter ---- */

static gboolean
tally_from_orders (RapportSqlite                *db,
                   const RapportAnalyticsQuery  *query,
                   Tally                        *tally,
                   GError                      **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;

  g_string_printf (sql, "SELECT o.status, %s, o.total > 0 AND o.paid >= o.total, coalesce(o.staff_id, 0),"
                   " f.quoted_at, f.confirmed_at, f.paid_at, f.delivered_at", _rapport_analytics_period_amount (query));
  _rapport_analytics_append_period_orders (sql, query, "orders_sales_by_day");
  g_string_append (sql, " JOIN order_funnel f ON f.order_id = o.id"
                   " WHERE o.ordered_on BETWEEN ?1 AND ?2 AND o.status <> 'draft'");
  _rapport_analytics_append_period_filters (sql, query);
  stmt = _rapport_analytics_prepare (db, sql->str, query, error);
  if (stmt == NULL)
    return FALSE;

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      gboolean paid = _rapport_stmt_column_int (stmt, 2) != 0;
      gboolean has_moment[RAPPORT_FUNNEL_N_STAGES];
      gint64 moments[RAPPORT_FUNNEL_N_STAGES];

      for (guint i = 0; i < RAPPORT_FUNNEL_N_STAGES; i++)
        {
          has_moment[i] = sqlite3_column_type (stmt, 4 + (int) i) != SQLITE_NULL;
          moments[i] = _rapport_stmt_column_int (stmt, 4 + (int) i);
        }
      count_orders (tally, _rapport_stmt_column_text (stmt, 0), has_moment[RAPPORT_FUNNEL_QUOTED],
                    has_moment[RAPPORT_FUNNEL_CONFIRMED], paid, has_moment[RAPPORT_FUNNEL_DELIVERED],
                    _rapport_stmt_column_int (stmt, 3), 1, _rapport_stmt_column_int (stmt, 1));
      /* The paid moment counts only for an order paid in full: as
       * funnel_durations in step 0013. */
      has_moment[RAPPORT_FUNNEL_PAID] = has_moment[RAPPORT_FUNNEL_PAID] && paid;
      for (guint i = 1; i < RAPPORT_FUNNEL_N_STAGES; i++)
        if (has_moment[i] && has_moment[i - 1] && moments[i] >= moments[i - 1])
          {
            /* An order of unreadable moments takes the longest bucket. */
            gint64 spent = moments[i - 1] >= 0 || moments[i] <= G_MAXINT64 + moments[i - 1]
                           ? moments[i] - moments[i - 1] : G_MAXINT64;
            add_time (tally, i, bucket_of (spent), 1);
          }
    }
  return ok;
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

  if (reads_funnel_days (query))
    {
      g_autofree char *where = NULL;
      g_autofree char *from = funnel_days_from (query, "funnel_days", &where);

      g_string_printf (sql, "SELECT d.reason_id, coalesce(r.name, ''), sum(d.orders), sum(d.amount)"
                       " FROM %s LEFT JOIN order_lost_reasons r ON r.id = nullif(d.reason_id, 0)"
                       " WHERE %s AND d.status = 'lost'"
                       " GROUP BY 1 HAVING sum(d.orders) > 0 ORDER BY 4 DESC, 1", from, where);
    }
  else
    {
      g_string_printf (sql, "SELECT coalesce(o.lost_reason_id, 0), coalesce(r.name, ''), count(*), sum(%s)",
                       _rapport_analytics_period_amount (query));
      _rapport_analytics_append_period_orders (sql, query, NULL);
      g_string_append (sql, " LEFT JOIN order_lost_reasons r ON r.id = o.lost_reason_id"
                       " WHERE o.status = 'lost' AND o.ordered_on BETWEEN ?1 AND ?2");
      _rapport_analytics_append_period_filters (sql, query);
      g_string_append (sql, " GROUP BY 1 ORDER BY 4 DESC, 1");
    }
  stmt = _rapport_analytics_prepare (db, sql->str, query, error);
  if (stmt == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      RapportLostReasonRow *row = g_new0 (RapportLostReasonRow, 1);

      row->reason_id = _rapport_stmt_column_int (stmt, 0);
      row->name = g_utf8_make_valid (_rapport_stmt_column_text (stmt, 1), -1);
      row->count = (guint) CLAMP (_rapport_stmt_column_int (stmt, 2), 0, G_MAXUINT);
      row->value = _rapport_stmt_column_int (stmt, 3);
      funnel->lost += row->count;
      funnel->lost_value += row->value;
      g_ptr_array_add (funnel->lost_reasons, row);
    }
  return ok;
}

/* The funnel of the orders taken in the period, with won and lost; and,
 * into @staff_quotes (nullable; gint64 staff id → RapportStaffQuotes),
 * each member of staff's quotes. */
gboolean
_rapport_analytics_read_funnel (RapportSqlite                *db,
                                const RapportAnalyticsQuery  *query,
                                RapportFunnel                *funnel,
                                GHashTable                   *staff_quotes,
                                GError                      **error)
{
  g_auto(Tally) tally = { 0 };
  gboolean ok;

  tally_init (&tally, funnel, staff_quotes);
  if (reads_funnel_days (query))
    ok = tally_from_summaries (db, query, &tally, error);
  else
    ok = tally_from_orders (db, query, &tally, error);
  if (!ok)
    return FALSE;
  tally_finish (&tally);
  return read_lost_reasons (db, query, funnel, error);
}

/* ---- Keeping the funnel by day ---- */

#define FUNNEL_DAYS_FROM_ORDERS \
  "SELECT day, staff_id, status, reason_id, quoted, confirmed, paid, delivered, count(*), sum(amount)" \
  " FROM funnel_facts GROUP BY 1, 2, 3, 4, 5, 6, 7, 8"
#define FUNNEL_TIMES_FROM_ORDERS \
  "SELECT day, staff_id, step, bucket, count(*) FROM funnel_durations GROUP BY 1, 2, 3, 4"
#define INTERACTION_DAYS_FROM_INTERACTIONS \
  "SELECT occurred_at / 86400 - (occurred_at % 86400 < 0), coalesce(staff_id, 0), count(*)" \
  " FROM interactions GROUP BY 1, 2"
#define FOLLOW_UP_DAYS_FROM_INTERACTIONS \
  "SELECT follow_up_on, coalesce(staff_id, 0)," \
  " sum(coalesce(follow_up_done_at < unixepoch(follow_up_on, '+1 day', 'utc'), 0))," \
  " sum(coalesce(follow_up_done_at >= unixepoch(follow_up_on, '+1 day', 'utc'), 0))," \
  " sum(follow_up_done_at IS NULL)" \
  " FROM interactions WHERE follow_up_on IS NOT NULL GROUP BY 1, 2"

/* The open follow-ups alone: on time and late were decided in the
 * writer's zone, and are now read from follow_up_done_days (step 0015). */
#define FOLLOW_UP_OPEN_FROM_INTERACTIONS \
  "SELECT follow_up_on, coalesce(staff_id, 0), count(*) FROM interactions" \
  " WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NULL GROUP BY 1, 2"

#define FIRST_ADDRESS_REGION(CLIENT) \
  "coalesce((SELECT coalesce(nullif(trim(a.region), ''), trim(a.locality)) FROM client_addresses a" \
  " WHERE a.client_id = " CLIENT " ORDER BY a.position LIMIT 1), '')"
#define CLIENT_REGIONS_FROM_ADDRESSES \
  "SELECT c.client_id, " FIRST_ADDRESS_REGION ("c.client_id") " AS region" \
  " FROM (SELECT DISTINCT client_id FROM client_addresses) c"
#define REGION_DAYS_FROM_ORDERS \
  "SELECT o.ordered_on, coalesce(o.staff_id, 0), coalesce(r.region, ''), count(*), sum(o.total) FROM orders o" \
  " LEFT JOIN client_regions r ON r.client_id = o.client_id" \
  " WHERE o.status IN " RAPPORT_ANALYTICS_COUNTED " GROUP BY 1, 2, 3"
/* For checking: from each client's addresses, not from client_regions. */
#define REGION_DAYS_FROM_ADDRESSES \
  "SELECT day, staff, place, sum(n), sum(amount) FROM (SELECT o.ordered_on AS day," \
  " coalesce(o.staff_id, 0) AS staff, " FIRST_ADDRESS_REGION ("o.client_id") " AS place," \
  " count(*) AS n, sum(o.total) AS amount FROM orders o WHERE o.status IN " RAPPORT_ANALYTICS_COUNTED \
  " GROUP BY o.ordered_on, o.staff_id, o.client_id) GROUP BY 1, 2, 3"

#define CLIENT_PAYMENT_DAYS_FROM_PAYMENTS \
  "SELECT o.client_id, p.paid_on, coalesce(o.staff_id, 0), o.status, sum(max(p.amount, 0))," \
  " sum(max(-p.amount, 0)) FROM payments p JOIN orders o ON o.id = p.order_id GROUP BY 1, 2, 3, 4"

/* The C half of schema step 0013, and the rebuild: the funnel, the
 * interactions, the follow-ups, the sales by region and the payments by
 * client by day from the data already there. */
gboolean
_rapport_analytics_fill_funnel_days (RapportSqlite  *db,
                                     GError        **error)
{
  return _rapport_sqlite_exec (db,
                               "DELETE FROM funnel_days;"
                               "INSERT INTO funnel_days (day, staff_id, status, reason_id, quoted, confirmed, paid,"
                               " delivered, orders, amount) " FUNNEL_DAYS_FROM_ORDERS ";"
                               "DELETE FROM funnel_times;"
                               "INSERT INTO funnel_times (day, staff_id, step, bucket, orders) "
                               FUNNEL_TIMES_FROM_ORDERS ";"
                               "DELETE FROM interaction_days;"
                               "INSERT INTO interaction_days (day, staff_id, logged) "
                               INTERACTION_DAYS_FROM_INTERACTIONS ";"
                               "DELETE FROM follow_up_days;"
                               "INSERT INTO follow_up_days (day, staff_id, on_time, late, open) "
                               FOLLOW_UP_DAYS_FROM_INTERACTIONS ";"
                               "DELETE FROM client_regions;"
                               "INSERT INTO client_regions (client_id, region) " CLIENT_REGIONS_FROM_ADDRESSES ";"
                               "DELETE FROM region_days;"
                               "INSERT INTO region_days (day, staff_id, region, orders, amount) "
                               REGION_DAYS_FROM_ORDERS ";"
                               "DELETE FROM client_payment_days;"
                               "INSERT INTO client_payment_days (client_id, day, staff_id, status, received, refunded) "
                               CLIENT_PAYMENT_DAYS_FROM_PAYMENTS ";",
                               error);
}

/* How many rows of the summaries of step 0013 differ from what the tables
 * say (rows that came to nothing are no difference). */
gboolean
_rapport_analytics_check_funnel_days (RapportSqlite  *db,
                                      gint64         *mismatches,
                                      GError        **error)
{
  static const char * const checks[] = {
    RAPPORT_ANALYTICS_DIFFERENCES ("*", "funnel_days", "orders <> 0 OR amount <> 0", FUNNEL_DAYS_FROM_ORDERS),
    RAPPORT_ANALYTICS_DIFFERENCES ("*", "funnel_times", "orders <> 0", FUNNEL_TIMES_FROM_ORDERS),
    RAPPORT_ANALYTICS_DIFFERENCES ("*", "interaction_days", "logged <> 0", INTERACTION_DAYS_FROM_INTERACTIONS),
    RAPPORT_ANALYTICS_DIFFERENCES ("day, staff_id, open", "follow_up_days", "open <> 0",
                                   FOLLOW_UP_OPEN_FROM_INTERACTIONS),
    "SELECT count(*) FROM (SELECT * FROM client_regions WHERE region <> ''"
    " EXCEPT " CLIENT_REGIONS_FROM_ADDRESSES ")",
    "SELECT count(*) FROM (SELECT * FROM (" CLIENT_REGIONS_FROM_ADDRESSES ") WHERE region <> ''"
    " EXCEPT SELECT * FROM client_regions)",
    RAPPORT_ANALYTICS_DIFFERENCES ("*", "region_days", "orders <> 0 OR amount <> 0", REGION_DAYS_FROM_ADDRESSES),
    RAPPORT_ANALYTICS_DIFFERENCES ("*", "client_payment_days", "received <> 0 OR refunded <> 0",
                                   CLIENT_PAYMENT_DAYS_FROM_PAYMENTS),
  };

  return _rapport_analytics_count_mismatches (db, checks, G_N_ELEMENTS (checks), mismatches, error);
}
