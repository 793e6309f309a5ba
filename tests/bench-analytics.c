/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The analytics part of the benchmark: what the Analytics page waits for
 * on a year of the benchmark database, through the same asynchronous
 * call the page makes, from the call to its answer on the main loop:
 * revenue by month from the summaries and from the tables; the whole
 * page's figures; each part alone; a filter change (a member of staff,
 * a tag, a region, a product); and every client's RFM scores computed and stored again
 * (when nothing changed, and when every stored row did). Beside each
 * clock figure, the process's processor time.
 * RAPPORT_BENCH_ONLY names: analytics-revenue, analytics-revenue-raw,
 * analytics-page, analytics-parts, analytics-filter, analytics-filter-parts
 * (each part under a tag, a member of staff, a region and a catalog item), analytics-rfm,
 * analytics-drill (the orders behind a column, a bar, a funnel step and
 * a lost reason, as the page opens them), analytics-order-write (the
 * processor time of writing an order of three lines and a payment, with
 * every summary's triggers, and without those of steps 13-14, 18, 20, 21,
 * 23, 24, 25, 26 or 27, for comparison). With analytics-rfm, how long a save asked during the
 * refresh waits. */

#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>

#include "bench-analytics.h"
#include "rapport-analytics.h"
#include "rapport-client-repository.h"

#define RUNS 5
#define RFM_RUNS 3

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

/* The processor time of the whole process, worker threads included, in
 * milliseconds: the analytics run on a worker, and on a busy machine the
 * clock also counts the waits for a processor. */
static double
process_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

static void
report_cpu (BenchReport  report,
            const char  *what,
            GArray      *cpu)
{
  g_autofree char *cpu_what = g_strdup_printf ("  … %s, processor time", what);

  report (cpu_what, cpu, "(for reference)");
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* One report as the page asks for it: on a worker, the answer back here. */
static RapportAnalyticsReport *
run_report (RapportAnalytics            *analytics,
            const RapportAnalyticsQuery *query,
            RapportAnalyticsParts        parts)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RapportAnalyticsReport *report;

  rapport_analytics_report_async (analytics, query, parts, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = rapport_analytics_report_finish (analytics, result, &error);
  if (report == NULL)
    g_error ("%s", error->message);
  return report;
}

static void
measure_report (RapportAnalytics            *analytics,
                BenchReport                  report,
                const char                  *what,
                const RapportAnalyticsQuery *query,
                RapportAnalyticsParts        parts,
                const char                  *goal)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(RapportAnalyticsReport) figures = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = process_cpu_ms ();
      double ms, cpu_ms;

      figures = run_report (analytics, query, parts);
      ms = elapsed_ms (start);
      cpu_ms = process_cpu_ms () - cpu_start;
      g_array_append_val (samples, ms);
      g_array_append_val (cpu, cpu_ms);
    }
  report (what, samples, goal);
  report_cpu (report, what, cpu);
}

static void
measure_raw_revenue (RapportAnalytics            *analytics,
                     BenchReport                  report,
                     const RapportAnalyticsQuery *query)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(RapportSales) sales = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = process_cpu_ms ();
      double ms, cpu_ms;

      sales = rapport_analytics_sales_from_orders (analytics, query, NULL, &error);
      if (sales == NULL)
        g_error ("%s", error->message);
      ms = elapsed_ms (start);
      cpu_ms = process_cpu_ms () - cpu_start;
      g_array_append_val (samples, ms);
      g_array_append_val (cpu, cpu_ms);
    }
  report ("analytics: revenue by month, tables", samples, "150 ms");
  report_cpu (report, "revenue by month, tables", cpu);
}

/* The filters the page offers, as measure_filter() changes them. */
typedef enum
{
  BY_STAFF,
  BY_TAG,
  BY_PLACE,
  BY_PRODUCT,
} FilterKind;

/* A filter chosen on the page: the page's figures again, from a query
 * with a filter different from the last one each time. */
static void
measure_filter (RapportAnalytics            *analytics,
                BenchReport                  report,
                const RapportAnalyticsQuery *year,
                FilterKind                   kind,
                const char                  *what)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  static const char * const tags[] = { "VIP", "referral", "corporate", "wholesale" };
  static const char * const places[] = { "England", "Свердловская обл.", "Республика Татарстан" };

  /* The first report with a filter of this kind warms the readers up
   * (statements prepared, pages read): not what a filter change costs
   * once the page is open, so one is made before the measured ones, with
   * a filter other than the first measured. */
  for (guint round = 0; round <= RUNS; round++)
    {
      guint run = round == 0 ? 2 : round - 1;
      g_autoptr(RapportAnalyticsQuery) query = rapport_analytics_query_copy (year);
      g_autoptr(RapportAnalyticsReport) figures = NULL;
      gint64 start;
      double cpu_start, ms, cpu_ms;

      switch (kind)
        {
        case BY_STAFF:
          query->staff_id = 1 + run % 4;
          break;
        case BY_TAG:
          query->client_tag = g_strdup (tags[run % G_N_ELEMENTS (tags)]);
          break;
        case BY_PLACE:
          query->place = g_strdup (places[run % G_N_ELEMENTS (places)]);
          break;
        case BY_PRODUCT:
          query->catalog_item_id = 1 + run % 4;
          break;
        default:
          g_assert_not_reached ();
        }
      start = g_get_monotonic_time ();
      cpu_start = process_cpu_ms ();
      figures = run_report (analytics, query, RAPPORT_ANALYTICS_ALL);
      ms = elapsed_ms (start);
      cpu_ms = process_cpu_ms () - cpu_start;
      if (round == 0)
        continue;
      g_array_append_val (samples, ms);
      g_array_append_val (cpu, cpu_ms);
    }
  report (what, samples, "100 ms");
  report_cpu (report, what, cpu);
}

/* Makes every stored score differ from what a refresh computes, as if
 * every client's figures had changed, through a connection of its own. */
static void
unsettle_scores (RapportDatabase *database)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  if (sqlite3_open (rapport_database_get_path (database), &db) != SQLITE_OK
      || sqlite3_busy_timeout (db, 60000) != SQLITE_OK
      || sqlite3_exec (db, "UPDATE client_scores SET visits = visits + 1,"
                        " segment = CASE WHEN segment IS NOT NULL THEN 'lost' END", NULL, NULL, &message) != SQLITE_OK)
    g_error ("Could not change the stored scores: %s", message ? message : sqlite3_errmsg (db));
  sqlite3_close (db);
}

/* Saves asked one after the other during a refresh (a client archived,
 * then back), each timed from the call to its answer. */
typedef struct
{
  RapportClientRepository *clients;
  GArray                  *waits;
  gint64                   asked;
  gboolean                 busy;
  gboolean                 archived;
} SaveProbe;

static void
on_probe_saved (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SaveProbe *probe = user_data;
  g_autoptr(GError) error = NULL;
  double ms;

  if (!rapport_client_repository_save_finish (RAPPORT_CLIENT_REPOSITORY (source), result, &error))
    g_error ("%s", error->message);
  ms = elapsed_ms (probe->asked);
  g_array_append_val (probe->waits, ms);
  probe->archived = !probe->archived;
  probe->busy = FALSE;
}

static void
probe_save (SaveProbe *probe)
{
  probe->busy = TRUE;
  probe->asked = g_get_monotonic_time ();
  rapport_client_repository_set_archived_async (probe->clients, 1, !probe->archived, NULL, on_probe_saved, probe);
}

static gboolean
on_probe_tick (gpointer data)
{
  SaveProbe *probe = data;

  if (!probe->busy)
    probe_save (probe);
  return G_SOURCE_CONTINUE;
}

/* Every client's scores computed again and stored: when nothing changed
 * since the last time (a refresh of a day-old file that saw few sales),
 * and when every stored row must be written again. */
static void
measure_rfm (RapportAnalytics *analytics,
             RapportDatabase  *database,
             BenchReport       report)
{
  g_autoptr(RapportClientRepository) clients = rapport_client_repository_new (database);
  g_autoptr(GArray) waits = g_array_new (FALSE, FALSE, sizeof (double));
  SaveProbe probe = { clients, waits, 0, FALSE, FALSE };

  for (guint changed = 0; changed < 2; changed++)
    {
      g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
      const char *what = changed ? "analytics: RFM, every row changed" : "analytics: RFM of every client";

      for (guint run = 0; run < RFM_RUNS; run++)
        {
          g_autoptr(GAsyncResult) result = NULL;
          g_autoptr(GError) error = NULL;
          gint64 start;
          double cpu_start, ms, cpu_ms;

          if (changed)
            unsettle_scores (database);
          start = g_get_monotonic_time ();
          cpu_start = process_cpu_ms ();
          guint tick = 0;

          rapport_analytics_refresh_rfm_async (analytics, NULL, store_result, &result);
          /* While every row is written again, a save every 20 ms. */
          if (changed)
            tick = g_timeout_add (20, on_probe_tick, &probe);
          while (result == NULL)
            g_main_context_iteration (NULL, TRUE);
          g_clear_handle_id (&tick, g_source_remove);
          while (probe.busy)
            g_main_context_iteration (NULL, TRUE);
          if (!rapport_analytics_refresh_rfm_finish (analytics, result, &error))
            g_error ("%s", error->message);
          ms = elapsed_ms (start);
          cpu_ms = process_cpu_ms () - cpu_start;
          g_array_append_val (samples, ms);
          g_array_append_val (cpu, cpu_ms);
        }
      report (what, samples, "2000 ms");
      report_cpu (report, what + strlen ("analytics: "), cpu);
    }
  /* The client as it was. */
  if (probe.archived)
    {
      probe_save (&probe);
      while (probe.busy)
        g_main_context_iteration (NULL, TRUE);
      g_array_set_size (waits, waits->len - 1);
    }
  report ("analytics: a save during the RFM refresh", waits, "100 ms");
}

/* One order as the order and payment repositories write it: a draft, its
 * three lines (each moving the order's total), its confirmation and the
 * status it takes, and a payment in full; each statement prepared once,
 * as the repositories keep theirs. */
static const char * const order_writes[] = {
  "INSERT INTO orders (id, number, client_id, staff_id, ordered_on, status, payment_due_on, currency,"
  " prices_include_tax, created_at, updated_at) VALUES (?1, 'W-' || ?1, ?2, ?3, '2026-11-30', 'draft',"
  " '2026-11-30', 'EUR', 1, 0, 0)",
  "INSERT INTO order_lines (order_id, position, catalog_item_id, kind, name, quantity, unit_price, net, tax, gross)"
  " VALUES (?1, 0, 1, 'product', 'One', 1000, 1000, 1000, 0, 1000)",
  "INSERT INTO order_lines (order_id, position, catalog_item_id, kind, name, quantity, unit_price, net, tax, gross)"
  " VALUES (?1, 1, 2, 'product', 'Two', 1000, 2000, 2000, 0, 2000)",
  "INSERT INTO order_lines (order_id, position, kind, name, quantity, unit_price, net, tax, gross)"
  " VALUES (?1, 2, 'service', 'Fitting', 1000, 500, 500, 0, 500)",
  "INSERT INTO order_status_changes (order_id, status, changed_at, staff_id) VALUES (?1, 'confirmed', 1, ?3)",
  "UPDATE orders SET status = 'confirmed' WHERE id = ?1",
  "INSERT INTO payments (order_id, paid_on, amount, method, created_at) VALUES (?1, '2026-11-30', 3500, 'card', 2)",
};

static void
write_order (sqlite3       *db,
             sqlite3_stmt **stmts,
             guint          n)
{
  gint64 id = G_GINT64_CONSTANT (900000000) + n;
  int client = 1 + g_random_int_range (0, 100000), staff = 1 + g_random_int_range (0, 4);

  for (guint i = 0; i < G_N_ELEMENTS (order_writes); i++)
    {
      sqlite3_reset (stmts[i]);
      if (sqlite3_bind_parameter_count (stmts[i]) >= 1)
        sqlite3_bind_int64 (stmts[i], 1, id);
      if (sqlite3_bind_parameter_count (stmts[i]) >= 2)
        sqlite3_bind_int (stmts[i], 2, client);
      if (sqlite3_bind_parameter_count (stmts[i]) >= 3)
        sqlite3_bind_int (stmts[i], 3, staff);
      if (sqlite3_step (stmts[i]) != SQLITE_DONE)
        g_error ("Could not write an order: %s", sqlite3_errmsg (db));
    }
}

/* The processor time of an order's write, in a transaction rolled back at
 * the end (the file is left as it was), after dropping in it the triggers
 * named by @drop (an SQL condition on “name”, or NULL). */
static void
measure_order_write (const char  *path,
                     BenchReport  report,
                     const char  *what,
                     const char  *drop)
{
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3_stmt *stmts[G_N_ELEMENTS (order_writes)] = { NULL };
  sqlite3 *db = NULL;
  char *message = NULL;
  guint n = 0;

  if (sqlite3_open (path, &db) != SQLITE_OK || sqlite3_busy_timeout (db, 60000) != SQLITE_OK
      || sqlite3_exec (db, "PRAGMA foreign_keys = ON; BEGIN IMMEDIATE", NULL, NULL, &message) != SQLITE_OK)
    g_error ("Could not open the file to write orders: %s", message ? message : sqlite3_errmsg (db));
  if (drop != NULL)
    {
      g_autofree char *names = g_strdup_printf ("SELECT group_concat('DROP TRIGGER ' || name, ';') FROM sqlite_master"
                                                " WHERE type = 'trigger' AND (%s)", drop);
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (db, names, -1, &stmt, NULL) != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
        g_error ("%s", sqlite3_errmsg (db));
      if (sqlite3_column_text (stmt, 0) != NULL
          && sqlite3_exec (db, (const char *) sqlite3_column_text (stmt, 0), NULL, NULL, &message) != SQLITE_OK)
        g_error ("%s", message);
      sqlite3_finalize (stmt);
    }
  for (guint i = 0; i < G_N_ELEMENTS (order_writes); i++)
    if (sqlite3_prepare_v2 (db, order_writes[i], -1, &stmts[i], NULL) != SQLITE_OK)
      g_error ("%s", sqlite3_errmsg (db));
  g_random_set_seed (15);
  /* Warm the cache, then ten rounds of a hundred orders. */
  for (guint i = 0; i < 100; i++)
    write_order (db, stmts, n++);
  for (guint run = 0; run < 10; run++)
    {
      double start = process_cpu_ms (), ms;

      for (guint i = 0; i < 100; i++)
        write_order (db, stmts, n++);
      ms = (process_cpu_ms () - start) / 100;
      g_array_append_val (cpu, ms);
    }
  for (guint i = 0; i < G_N_ELEMENTS (order_writes); i++)
    sqlite3_finalize (stmts[i]);
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  report (what, cpu, "(processor time)");
}

/* The triggers of step 25: the groups' funnel, interactions and
 * follow-ups. */
#define STEP_25_TRIGGERS \
  "name GLOB 'group_funnel_*' OR name GLOB 'group_interaction*' OR name GLOB 'group_activity_*'"

static void
measure_order_writes (RapportDatabase *database,
                      BenchReport      report)
{
  const char *path = rapport_database_get_path (database);

  measure_order_write (path, report, "analytics: an order's write", NULL);
  measure_order_write (path, report, "… without steps 13-14's triggers",
                       "name GLOB 'funnel_*' OR name GLOB 'interaction_*' OR name GLOB 'client_regions_*'"
                       " OR name GLOB 'region_*' OR name GLOB 'client_payment_days_*' OR name GLOB 'client_days_*'");
  measure_order_write (path, report, "… without step 18's triggers",
                       "name GLOB 'item_*' AND NOT name GLOB 'item_owed_*' AND NOT name GLOB 'item_funnel_*'");
  measure_order_write (path, report, "… without step 21's triggers", "name GLOB 'item_owed_*'");
  measure_order_write (path, report, "… without step 20's triggers",
                       "(name GLOB 'group_*' OR name GLOB 'client_groups_*')"
                       " AND NOT name GLOB 'group_line*' AND NOT name GLOB 'group_region*'"
                       " AND NOT name GLOB 'group_owed_*' AND NOT (" STEP_25_TRIGGERS ")");
  measure_order_write (path, report, "… without step 23's triggers",
                       "name GLOB 'group_line*' OR name GLOB 'group_region*'");
  measure_order_write (path, report, "… without step 24's triggers", "name GLOB 'group_owed_*'");
  measure_order_write (path, report, "… without step 25's triggers", STEP_25_TRIGGERS);
  measure_order_write (path, report, "… without step 26's triggers", "name GLOB 'item_funnel_*'");
  measure_order_write (path, report, "… without step 27's triggers", "name GLOB 'line_kind_repeats_*'");
}

/* The orders behind a figure, as the page lists them for the drill-down
 * window: on a worker, the ids back here. */
static void
measure_drill (RapportAnalytics            *analytics,
               BenchReport                  report,
               const char                  *what,
               const RapportAnalyticsQuery *query,
               RapportAnalyticsOrders       part,
               gint64                       key)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  guint listed = 0;

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      rapport_analytics_list_orders_async (analytics, query, part, key, NULL, NULL, store_result, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      ids = rapport_analytics_list_orders_finish (analytics, result, &error);
      if (ids == NULL)
        g_error ("%s", error->message);
      ms = elapsed_ms (start);
      g_array_append_val (samples, ms);
      listed = ids->len;
    }
  g_message ("%s: %u orders", what, listed);
  report (what, samples, "-");
}

static void
measure_drills (RapportAnalytics            *analytics,
                BenchReport                  report,
                const RapportAnalyticsQuery *year)
{
  g_autoptr(RapportAnalyticsQuery) month = rapport_analytics_query_copy (year);
  g_autoptr(RapportAnalyticsQuery) tagged = rapport_analytics_query_copy (year);

  /* The last column of the year: its month. */
  g_free (month->from_day);
  month->from_day = g_strdup_printf ("%.8s01", year->to_day);
  tagged->client_tag = g_strdup ("VIP");

  measure_drill (analytics, report, "analytics: drill, a month's sales", month, RAPPORT_ANALYTICS_ORDERS_SALES, 0);
  measure_drill (analytics, report, "analytics: drill, a staff bar, a year", year,
                 RAPPORT_ANALYTICS_ORDERS_BY_STAFF, 1);
  measure_drill (analytics, report, "analytics: drill, a product bar, a year", year,
                 RAPPORT_ANALYTICS_ORDERS_BY_PRODUCT, 1);
  measure_drill (analytics, report, "analytics: drill, no campaign's bar, a year", year,
                 RAPPORT_ANALYTICS_ORDERS_BY_CAMPAIGN, 0);
  measure_drill (analytics, report, "analytics: drill, funnel paid, a year", year,
                 RAPPORT_ANALYTICS_ORDERS_FUNNEL, RAPPORT_FUNNEL_PAID);
  measure_drill (analytics, report, "analytics: drill, a lost reason, a year", year,
                 RAPPORT_ANALYTICS_ORDERS_LOST, 1);
  measure_drill (analytics, report, "analytics: drill, a staff bar, VIPs", tagged,
                 RAPPORT_ANALYTICS_ORDERS_BY_STAFF, 1);
}

void
bench_analytics (RapportDatabase      *database,
                 BenchAnalyticsWanted  wanted,
                 BenchReport           report)
{
  g_autoptr(RapportAnalytics) analytics = rapport_analytics_new (database);
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (rapport_database_now (database));
  g_autoptr(GDateTime) year_ago = g_date_time_add_days (now, -364);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *first = g_date_time_format (year_ago, "%Y-%m-%d");
  g_autoptr(RapportAnalyticsQuery) year = rapport_analytics_query_new (first, today, RAPPORT_ANALYTICS_BY_MONTH);
  static const struct
  {
    const char            *what;
    RapportAnalyticsParts  parts;
  } parts[] = {
    { "analytics: sales, a year", RAPPORT_ANALYTICS_SALES },
    { "analytics: by product, staff...", RAPPORT_ANALYTICS_BREAKDOWNS },
    { "analytics: funnel, a year", RAPPORT_ANALYTICS_FUNNEL },
    { "analytics: money owed", RAPPORT_ANALYTICS_OWED },
    { "analytics: RFM segments", RAPPORT_ANALYTICS_RFM },
    { "analytics: slipping away", RAPPORT_ANALYTICS_AT_RISK },
    { "analytics: staff, a year", RAPPORT_ANALYTICS_STAFF },
  };

  /* The scores the page reads exist before it opens. */
  if (wanted ("analytics-rfm"))
    measure_rfm (analytics, database, report);
  else if (rapport_analytics_get_rfm_scored_at (analytics, NULL) == 0)
    {
      g_autoptr(GError) error = NULL;

      if (!rapport_analytics_refresh_rfm (analytics, &error))
        g_error ("%s", error->message);
    }
  if (wanted ("analytics-revenue"))
    measure_report (analytics, report, "analytics: revenue by month", year, RAPPORT_ANALYTICS_SALES, "10 ms");
  if (wanted ("analytics-revenue-raw"))
    measure_raw_revenue (analytics, report, year);
  if (wanted ("analytics-page"))
    measure_report (analytics, report, "analytics: the page, a year", year, RAPPORT_ANALYTICS_ALL, "200 ms");
  if (wanted ("analytics-parts"))
    for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
      measure_report (analytics, report, parts[i].what, year, parts[i].parts, "-");
  if (wanted ("analytics-filter-parts"))
    {
      g_autoptr(RapportAnalyticsQuery) tagged = rapport_analytics_query_copy (year);
      g_autoptr(RapportAnalyticsQuery) staffed = rapport_analytics_query_copy (year);
      g_autoptr(RapportAnalyticsQuery) placed = rapport_analytics_query_copy (year);
      g_autoptr(RapportAnalyticsQuery) itemed = rapport_analytics_query_copy (year);

      tagged->client_tag = g_strdup ("VIP");
      staffed->staff_id = 1;
      placed->place = g_strdup ("England");
      itemed->catalog_item_id = 1;
      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        {
          g_autofree char *what = g_strdup_printf ("%s, VIPs", parts[i].what);
          g_autofree char *staff_what = g_strdup_printf ("%s, one member of staff", parts[i].what);
          g_autofree char *place_what = g_strdup_printf ("%s, a region", parts[i].what);
          g_autofree char *item_what = g_strdup_printf ("%s, a catalog item", parts[i].what);

          measure_report (analytics, report, what, tagged, parts[i].parts, "-");
          measure_report (analytics, report, staff_what, staffed, parts[i].parts, "-");
          measure_report (analytics, report, place_what, placed, parts[i].parts, "-");
          measure_report (analytics, report, item_what, itemed, parts[i].parts, "-");
        }
    }
  if (wanted ("analytics-filter"))
    {
      measure_filter (analytics, report, year, BY_STAFF, "analytics: filter by staff");
      measure_filter (analytics, report, year, BY_TAG, "analytics: filter by tag");
      measure_filter (analytics, report, year, BY_PLACE, "analytics: filter by region");
      measure_filter (analytics, report, year, BY_PRODUCT, "analytics: filter by product");
    }
  if (wanted ("analytics-drill"))
    measure_drills (analytics, report, year);
  if (wanted ("analytics-order-write"))
    measure_order_writes (database, report);
}
