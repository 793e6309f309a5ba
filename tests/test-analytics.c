/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Analytics against small hand-made data sets whose answers are worked
 * out here: sales by month and by week with a refund, a cancellation and
 * orders across a month boundary in a zone with daylight saving; the
 * funnel; money owed by age; RFM quintiles with ties; usual intervals and
 * the clients slipping away; the orders behind each figure; the
 * summaries against the tables after a random sequence of writes; and
 * the queries and periods themselves. The program sets TZ=Europe/Warsaw
 * (summer time from 29 March 2026). */
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "rapport-analytics.h"
#include "rapport-error.h"
#include "rapport-reminders.h"
#include "rapport-segment-repository.h"
#include "rapport-slipping-away-source.h"
#include "rapport-test-utils.h"

typedef struct
{
  RapportTestStore *store;
  RapportAnalytics *analytics;
  char             *path;
} Fixture;

/* A moment on the local clock, UTC seconds. */
static gint64
local_moment (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) moment = g_date_time_new_local (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (moment);
}

static void
sql (Fixture    *fixture,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

static void
sql (Fixture    *fixture,
     const char *format,
     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  rapport_test_run_sql (fixture->path, text);
}

/* An order of one line coming to @gross; the triggers make its total. */
static void
add_order (Fixture    *fixture,
           int         id,
           int         client,
           int         staff,
           const char *day,
           const char *status,
           gint64      gross,
           const char *due_day)
{
  g_autofree char *staff_text = staff > 0 ? g_strdup_printf ("%d", staff) : g_strdup ("NULL");

  sql (fixture,
       "INSERT INTO orders (id, number, client_id, staff_id, ordered_on, status, payment_due_on, currency,"
       " prices_include_tax, created_at, updated_at) VALUES (%d, 'N-%d', %d, %s, '%s', '%s', '%s', 'EUR', 1, 0, 0);"
       "INSERT INTO order_lines (order_id, position, kind, name, quantity, unit_price, net, tax, gross)"
       " VALUES (%d, 0, 'product', 'Thing', 1000, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 0, %" G_GINT64_FORMAT ");",
       id, id, client, staff_text, day, status, due_day ? due_day : day,
       id, gross, gross, gross);
}

static void
add_payment (Fixture    *fixture,
             int         order,
             const char *day,
             gint64      amount,
             gint64      created_at)
{
  sql (fixture,
       "INSERT INTO payments (order_id, paid_on, amount, method, created_at)"
       " VALUES (%d, '%s', %" G_GINT64_FORMAT ", 'cash', %" G_GINT64_FORMAT ");",
       order, day, amount, created_at);
}

static void
add_status (Fixture    *fixture,
            int         order,
            const char *status,
            gint64      at)
{
  sql (fixture,
       "INSERT INTO order_status_changes (order_id, status, changed_at) VALUES (%d, '%s', %" G_GINT64_FORMAT ");",
       order, status, at);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(RapportClock) clock = rapport_clock_new_fixed (local_moment (2026, 5, 1, 12, 0));

  fixture->path = rapport_test_dup_path ("analytics.db");
  fixture->store = rapport_test_open_store ("analytics.db");
  rapport_database_set_clock (fixture->store->db, clock);
  fixture->analytics = rapport_analytics_new (fixture->store->db);

  sql (fixture,
       "INSERT INTO business_settings VALUES ('currency', 'EUR');"
       "INSERT INTO staff (id, name, created_at) VALUES (1, 'Anna', 0), (2, 'Boris', 0);"
       "INSERT INTO clients (id, kind, display_name, sort_key, created_at, updated_at) VALUES"
       " (1, 'person', 'C1', 'c1', 0, 0), (2, 'person', 'C2', 'c2', 0, 0), (3, 'person', 'C3', 'c3', 0, 0),"
       " (4, 'person', 'C4', 'c4', 0, 0), (5, 'person', 'C5', 'c5', 0, 0), (6, 'person', 'C6', 'c6', 0, 0),"
       " (7, 'person', 'Regular Ró', 'c7', 0, 0), (8, 'person', 'Regular Ema', 'c8', 0, 0),"
       " (9, 'person', 'Regular Ida', 'c9', 0, 0);");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->analytics);
  g_clear_pointer (&fixture->store, rapport_test_store_free);
  g_free (fixture->path);
}

/* The sales data set (amounts in cents):
 *   O1  C1 Anna  2026-03-02 closed     100.00  paid 03-02
 *   O2  C2 Boris 2026-03-31 confirmed   50.00  paid 04-01 (the next month)
 *   O3  C1 Anna  2026-04-10 closed      80.00  paid 04-10, 30.00 refunded 04-15
 *   O4  C3 Anna  2026-03-15 cancelled   20.00  paid 03-15, refunded 03-20
 *   O5  C2 Anna  2026-02-10 closed      10.00  (before: C2 is returning)
 *   O6  C4 Boris 2026-04-30 quoted      70.00
 *   O7  C5 Boris 2026-03-20 lost        40.00  (reason 1)
 *   O8  C6 Anna  2026-01-05 closed      60.00  due 01-05, unpaid
 *   O9  C3 Anna  2026-02-20 confirmed   15.00  due 02-25, unpaid
 *   O10 C4 Anna  2026-02-28 closed      25.00  due 03-25, 5.00 paid 02-28 */
static void
add_sales (Fixture *fixture)
{
  add_order (fixture, 1, 1, 1, "2026-03-02", "closed", 10000, NULL);
  add_order (fixture, 2, 2, 2, "2026-03-31", "confirmed", 5000, NULL);
  add_order (fixture, 3, 1, 1, "2026-04-10", "closed", 8000, NULL);
  add_order (fixture, 4, 3, 1, "2026-03-15", "cancelled", 2000, NULL);
  add_order (fixture, 5, 2, 1, "2026-02-10", "closed", 1000, NULL);
  add_order (fixture, 6, 4, 2, "2026-04-30", "quoted", 7000, NULL);
  add_order (fixture, 7, 5, 2, "2026-03-20", "lost", 4000, NULL);
  add_order (fixture, 8, 6, 1, "2026-01-05", "closed", 6000, NULL);
  add_order (fixture, 9, 3, 1, "2026-02-20", "confirmed", 1500, "2026-02-25");
  add_order (fixture, 10, 4, 1, "2026-02-28", "closed", 2500, "2026-03-25");
  sql (fixture, "UPDATE orders SET lost_reason_id = 1 WHERE id = 7;");

  add_payment (fixture, 1, "2026-03-02", 10000, local_moment (2026, 3, 2, 11, 0));
  add_payment (fixture, 2, "2026-04-01", 5000, local_moment (2026, 4, 1, 12, 0));
  add_payment (fixture, 3, "2026-04-10", 8000, local_moment (2026, 4, 10, 10, 0));
  add_payment (fixture, 3, "2026-04-15", -3000, local_moment (2026, 4, 15, 10, 0));
  add_payment (fixture, 4, "2026-03-15", 2000, local_moment (2026, 3, 15, 10, 0));
  add_payment (fixture, 4, "2026-03-20", -2000, local_moment (2026, 3, 20, 10, 0));
  add_payment (fixture, 5, "2026-02-10", 1000, local_moment (2026, 2, 10, 10, 0));
  add_payment (fixture, 10, "2026-02-28", 500, local_moment (2026, 2, 28, 10, 0));
}

static RapportAnalyticsReport *
run_report (Fixture               *fixture,
            RapportAnalyticsQuery *query,
            RapportAnalyticsParts  parts)
{
  g_autoptr(GError) error = NULL;
  RapportAnalyticsReport *report = rapport_analytics_report (fixture->analytics, query, parts, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
assert_point (RapportSales *sales,
              guint         index,
              const char   *start_day,
              gint64        invoiced,
              gint64        paid,
              gint64        refunded,
              guint         orders,
              guint         cancelled)
{
  RapportSalesPoint *point;

  g_assert_cmpuint (index, <, sales->points->len);
  point = g_ptr_array_index (sales->points, index);
  g_assert_cmpstr (point->start_day, ==, start_day);
  g_assert_cmpint (point->invoiced, ==, invoiced);
  g_assert_cmpint (point->paid, ==, paid);
  g_assert_cmpint (point->refunded, ==, refunded);
  g_assert_cmpuint (point->orders, ==, orders);
  g_assert_cmpuint (point->cancelled, ==, cancelled);
}

/* A summary spoilt by @sql is found by the check, and the rebuild mends
 * it. */
static void
assert_spoilt_is_mended (Fixture    *fixture,
                         const char *sql)
{
  g_autoptr(GError) error = NULL;

  rapport_test_run_sql (fixture->path, sql);
  g_assert_false (rapport_analytics_check_summaries (fixture->analytics, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_true (rapport_analytics_rebuild_summaries (fixture->analytics, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_analytics_check_summaries (fixture->analytics, &error));
  g_assert_no_error (error);
}

static void
assert_same_sales (RapportSales *a,
                   RapportSales *b)
{
  g_assert_cmpuint (a->points->len, ==, b->points->len);
  for (guint i = 0; i < a->points->len; i++)
    {
      RapportSalesPoint *x = g_ptr_array_index (a->points, i), *y = g_ptr_array_index (b->points, i);

      g_assert_cmpstr (x->start_day, ==, y->start_day);
      g_assert_cmpint (x->invoiced, ==, y->invoiced);
      g_assert_cmpint (x->paid, ==, y->paid);
      g_assert_cmpint (x->refunded, ==, y->refunded);
      g_assert_cmpuint (x->orders, ==, y->orders);
      g_assert_cmpuint (x->cancelled, ==, y->cancelled);
      g_assert_cmpint (x->cancelled_value, ==, y->cancelled_value);
    }
  g_assert_cmpint (a->net, ==, b->net);
  g_assert_cmpuint (a->new_clients, ==, b->new_clients);
  g_assert_cmpuint (a->returning_clients, ==, b->returning_clients);
}

static void
test_revenue_by_month (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(RapportAnalyticsQuery) query = rapport_analytics_query_new ("2026-03-01", "2026-04-30",
                                                                        RAPPORT_ANALYTICS_BY_MONTH);
  g_autoptr(RapportAnalyticsReport) report = NULL;
  g_autoptr(RapportAnalyticsReport) anna = NULL;
  g_autoptr(RapportSales) raw = NULL;
  g_autoptr(GError) error = NULL;
  RapportSales *sales;

  add_sales (fixture);
  report = run_report (fixture, query, RAPPORT_ANALYTICS_SALES);
  sales = report->sales;
  g_assert_cmpstr (report->currency, ==, "EUR");
  g_assert_null (report->funnel);

  /* Before the business chose its currency, the figures are in its
   * orders' (whatever the reader's locale would pick). */
  {
    g_autoptr(RapportAnalyticsReport) unset = NULL;

    sql (fixture, "DELETE FROM business_settings WHERE key = 'currency';"
                  "UPDATE orders SET currency = 'PLN' WHERE id = 10;");
    unset = run_report (fixture, query, RAPPORT_ANALYTICS_SALES);
    g_assert_cmpstr (unset->currency, ==, "PLN");
    sql (fixture, "INSERT INTO business_settings VALUES ('currency', 'EUR');"
                  "UPDATE orders SET currency = 'EUR' WHERE id = 10;");
  }

  /* March: O1 and O2 (taken on the 31st, paid in April); O4 cancelled,
   * paid and refunded within March. April: O3, less its refund; O2's
   * payment. */
  g_assert_cmpuint (sales->points->len, ==, 2);
  assert_point (sales, 0, "2026-03-01", 15000, 10000, 2000, 2, 1);
  assert_point (sales, 1, "2026-04-01", 8000, 10000, 3000, 1, 0);
  g_assert_cmpint (sales->invoiced, ==, 23000);
  g_assert_cmpint (sales->paid, ==, 20000);
  g_assert_cmpint (sales->refunded, ==, 5000);
  /* Only O3's refund is taken off: O4 was never counted. */
  g_assert_cmpint (sales->net, ==, 20000);
  g_assert_cmpuint (sales->orders, ==, 3);
  g_assert_cmpuint (sales->cancelled, ==, 1);
  g_assert_cmpint (sales->cancelled_value, ==, 2000);
  g_assert_cmpint (sales->average_order, ==, 7667);
  g_assert_cmpuint (sales->new_clients, ==, 1);
  g_assert_cmpuint (sales->returning_clients, ==, 1);

  raw = rapport_analytics_sales_from_orders (fixture->analytics, query, NULL, &error);
  g_assert_no_error (error);
  assert_same_sales (sales, raw);

  /* New and returning clients of other periods, from the summaries and
   * from the tables: a client who bought again after the period counts
   * only if they also bought in it. */
  {
    static const struct { const char *from, *to; guint new_clients, returning; } periods[] = {
      /* C1 new (03-02); C2 (first 02-10) back on 03-31, and again later. */
      { "2026-03-01", "2026-04-09", 1, 1 },
      /* C2's 31 March is outside: C1 alone, new. */
      { "2026-03-01", "2026-03-30", 1, 0 },
      /* C2, C3 and C4 buy first; C2 buys again after. */
      { "2026-02-01", "2026-02-28", 3, 0 },
      /* C1 and C2, both back. */
      { "2026-04-01", "2026-04-30", 0, 2 },
      /* C6 alone (5 January). */
      { "2025-12-01", "2026-01-31", 1, 0 },
      /* Nobody. */
      { "2025-01-01", "2025-12-31", 0, 0 },
    };

    add_order (fixture, 11, 2, 2, "2026-04-20", "closed", 700, NULL);
    for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
      {
        g_autoptr(RapportAnalyticsQuery) period = rapport_analytics_query_new (periods[i].from, periods[i].to,
                                                                               RAPPORT_ANALYTICS_BY_MONTH);
        g_autoptr(RapportAnalyticsReport) figures = run_report (fixture, period, RAPPORT_ANALYTICS_SALES);
        g_autoptr(RapportSales) tables = rapport_analytics_sales_from_orders (fixture->analytics, period, NULL, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (figures->sales->new_clients, ==, periods[i].new_clients);
        g_assert_cmpuint (figures->sales->returning_clients, ==, periods[i].returning);
        assert_same_sales (figures->sales, tables);
      }
    sql (fixture, "DELETE FROM order_lines WHERE order_id = 11; DELETE FROM orders WHERE id = 11;");
  }

  /* One catalog item, on O1's line and O3's: March has O1 alone, April
   * O3, its payment less its refund. */
  {
    g_autoptr(RapportAnalyticsReport) item = NULL;
    g_autoptr(RapportSales) item_raw = NULL;

    sql (fixture, "INSERT INTO catalog_items (id, name, kind, unit_price, sort_key, created_at, updated_at)"
                  " VALUES (1, 'Thing', 'product', 100, 'thing', 0, 0);"
                  "UPDATE order_lines SET catalog_item_id = 1 WHERE order_id IN (1, 3);");
    query->catalog_item_id = 1;
    item = run_report (fixture, query, RAPPORT_ANALYTICS_SALES);
    assert_point (item->sales, 0, "2026-03-01", 10000, 10000, 0, 1, 0);
    assert_point (item->sales, 1, "2026-04-01", 8000, 5000, 3000, 1, 0);
    g_assert_cmpuint (item->sales->new_clients, ==, 1);
    g_assert_cmpuint (item->sales->returning_clients, ==, 0);
    item_raw = rapport_analytics_sales_from_orders (fixture->analytics, query, NULL, &error);
    g_assert_no_error (error);
    assert_same_sales (item->sales, item_raw);
    query->catalog_item_id = 0;
  }

  /* Anna alone, from the summaries. */
  query->staff_id = 1;
  anna = run_report (fixture, query, RAPPORT_ANALYTICS_SALES);
  assert_point (anna->sales, 0, "2026-03-01", 10000, 10000, 2000, 1, 1);
  assert_point (anna->sales, 1, "2026-04-01", 8000, 5000, 3000, 1, 0);
  g_assert_cmpuint (anna->sales->new_clients, ==, 1);
  g_assert_cmpuint (anna->sales->returning_clients, ==, 0);

  /* A member of staff's new and returning clients, from their clients'
   * summary and from the orders. */
  {
    static const struct { const char *from, *to; int staff; guint new_clients, returning; } periods[] = {
      /* Anna: C1 buys first (and from her again in April). */
      { "2026-03-01", "2026-03-31", 1, 1, 0 },
      /* Anna: C2, C3 and C4 buy first. */
      { "2026-02-01", "2026-02-28", 1, 3, 0 },
      /* Boris: C2, who first bought from Anna, comes back to him. */
      { "2026-03-01", "2026-03-31", 2, 0, 1 },
      /* Boris: only a quote. */
      { "2026-04-01", "2026-04-30", 2, 0, 0 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
      {
        g_autoptr(RapportAnalyticsQuery) period = rapport_analytics_query_new (periods[i].from, periods[i].to,
                                                                               RAPPORT_ANALYTICS_BY_MONTH);
        g_autoptr(RapportAnalyticsReport) figures = NULL;
        g_autoptr(RapportSales) tables = NULL;

        period->staff_id = periods[i].staff;
        figures = run_report (fixture, period, RAPPORT_ANALYTICS_SALES);
        tables = rapport_analytics_sales_from_orders (fixture->analytics, period, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (figures->sales->new_clients, ==, periods[i].new_clients);
        g_assert_cmpuint (figures->sales->returning_clients, ==, periods[i].returning);
        assert_same_sales (figures->sales, tables);
      }
  }
}

/* A calendar whose months start on the 21st and weeks on Saturday, as a
 * reader's calendar may (the Solar Hijri months start between the 19th
 * and the 23rd): the Gregorian one, twenty days late. */
static void
late_month_start (GDate *date)
{
  g_date_subtract_days (date, 20);
  rapport_calendar_gregorian ()->month_start (date);
  g_date_add_days (date, 20);
}

static void
late_add_months (GDate *date,
                 int    months)
{
  g_date_subtract_days (date, 20);
  rapport_calendar_gregorian ()->add_months (date, months);
  g_date_add_days (date, 20);
}

static guint
late_month_of_year (const GDate *date)
{
  GDate earlier = *date;

  g_date_subtract_days (&earlier, 20);
  return rapport_calendar_gregorian ()->month_of_year (&earlier);
}

static const RapportCalendar late_calendar = {
  G_DATE_SATURDAY, late_month_start, late_add_months, late_month_of_year
};

/* Months and weeks are the query's calendar's: the reader's, on the page. */
static void
test_revenue_in_another_calendar (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(RapportAnalyticsQuery) query = rapport_analytics_query_new ("2026-02-21", "2026-04-20",
                                                                        RAPPORT_ANALYTICS_BY_MONTH);
  g_autoptr(RapportAnalyticsQuery) before = NULL;
  g_autoptr(RapportAnalyticsQuery) year = NULL;
  g_autoptr(RapportAnalyticsQuery) weeks = rapport_analytics_query_new ("2026-03-25", "2026-04-05",
                                                                        RAPPORT_ANALYTICS_BY_WEEK);
  g_autoptr(RapportAnalyticsReport) report = NULL;
  g_autoptr(RapportAnalyticsReport) by_week = NULL;
  g_autoptr(RapportSales) raw = NULL;

  add_sales (fixture);
  query->calendar = &late_calendar;
  report = run_report (fixture, query, RAPPORT_ANALYTICS_SALES);
  /* 21 February – 20 March: O10 and O1, O4 cancelled; O10's 5.00, O1's
   * 100.00 and O4's payment and refund. 21 March – 20 April: O2 and O3;
   * O2's payment, O3's, less its refund. */
  g_assert_cmpuint (report->sales->points->len, ==, 2);
  assert_point (report->sales, 0, "2026-02-21", 12500, 10500, 2000, 2, 1);
  assert_point (report->sales, 1, "2026-03-21", 13000, 10000, 3000, 2, 0);
  raw = rapport_analytics_sales_from_orders (fixture->analytics, query, NULL, NULL);
  assert_same_sales (report->sales, raw);

  /* Two whole months before are the two months before; a year before
   * is the same months a year earlier. */
  before = rapport_analytics_query_dup_previous (query);
  year = rapport_analytics_query_dup_year_before (query);
  g_assert_cmpstr (before->from_day, ==, "2025-12-21");
  g_assert_cmpstr (before->to_day, ==, "2026-02-20");
  g_assert_true (before->calendar == &late_calendar);
  g_assert_cmpstr (year->from_day, ==, "2025-02-21");
  g_assert_cmpstr (year->to_day, ==, "2025-04-20");

  /* Weeks from Saturday: 28 March holds O2 (31 March) and its payment. */
  weeks->calendar = &late_calendar;
  by_week = run_report (fixture, weeks, RAPPORT_ANALYTICS_SALES);
  g_assert_cmpuint (by_week->sales->points->len, ==, 3);
  assert_point (by_week->sales, 0, "2026-03-25", 0, 0, 0, 0, 0);
  assert_point (by_week->sales, 1, "2026-03-28", 5000, 5000, 0, 1, 0);
  assert_point (by_week->sales, 2, "2026-04-04", 0, 0, 0, 0, 0);
}

static void
test_revenue_by_week_across_dst (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(RapportAnalyticsQuery) query = rapport_analytics_query_new ("2026-03-25", "2026-04-05",
                                                                        RAPPORT_ANALYTICS_BY_WEEK);
  g_autoptr(RapportAnalyticsReport) report = NULL;
  g_autoptr(RapportAnalyticsReport) by_day = NULL;
  g_autoptr(RapportSales) raw = NULL;

  add_sales (fixture);
  report = run_report (fixture, query, RAPPORT_ANALYTICS_SALES);
  /* Weeks from Monday; the first is cut to the period. Summer time
   * starts on Sunday 29 March: the week of the 30th holds O2 (31 March)
   * and its payment (1 April). */
  g_assert_cmpuint (report->sales->points->len, ==, 2);
  assert_point (report->sales, 0, "2026-03-25", 0, 0, 0, 0, 0);
  assert_point (report->sales, 1, "2026-03-30", 5000, 5000, 0, 1, 0);

  rapport_analytics_query_free (g_steal_pointer (&query));
  query = rapport_analytics_query_new ("2026-03-28", "2026-04-01", RAPPORT_ANALYTICS_BY_DAY);
  by_day = run_report (fixture, query, RAPPORT_ANALYTICS_SALES);
  g_assert_cmpuint (by_day->sales->points->len, ==, 5);
  assert_point (by_day->sales, 3, "2026-03-31", 5000, 0, 0, 1, 0);
  assert_point (by_day->sales, 4, "2026-04-01", 0, 5000, 0, 0, 0);
  raw = rapport_analytics_sales_from_orders (fixture->analytics, query, NULL, NULL);
  assert_same_sales (by_day->sales, raw);
}

/* Interactions are moments: the one at 23:30 on 31 March (summer time,
 * 21:30 UTC) belongs to March, the one at 00:30 on 1 April to April. */
/* This program, run again with TZ=@zone, runs @script on the fixture's
 * file (see main()): another writer, on another clock. */
static const char *self_path;

static void
write_in_zone (Fixture    *fixture,
               const char *zone,
               const char *script)
{
  g_auto(GStrv) env = g_get_environ ();
  const char *argv[] = { self_path, NULL };
  g_autoptr(GError) error = NULL;
  int status = -1;

  env = g_environ_setenv (env, "TZ", zone, TRUE);
  env = g_environ_setenv (env, "RAPPORT_TEST_WRITE_FILE", fixture->path, TRUE);
  env = g_environ_setenv (env, "RAPPORT_TEST_WRITE_SQL", script, TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
}

static void
test_staff (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(RapportAnalyticsQuery) march = rapport_analytics_query_new ("2026-03-01", "2026-03-31",
                                                                        RAPPORT_ANALYTICS_BY_DAY);
  g_autoptr(RapportAnalyticsReport) report = NULL;
  RapportStaffRow *first, *second;

  add_sales (fixture);
  add_status (fixture, 1, "quoted", local_moment (2026, 3, 1, 9, 0));
  add_status (fixture, 2, "quoted", local_moment (2026, 3, 30, 9, 0));
  add_status (fixture, 7, "quoted", local_moment (2026, 3, 19, 9, 0));
  sql (fixture,
       "INSERT INTO interactions (client_id, kind, occurred_at, staff_id, created_at) VALUES"
       " (1, 'call', %" G_GINT64_FORMAT ", 1, 0), (1, 'call', %" G_GINT64_FORMAT ", 1, 0),"
       " (2, 'call', %" G_GINT64_FORMAT ", 2, 0);",
       local_moment (2026, 3, 31, 23, 30), local_moment (2026, 4, 1, 0, 30), local_moment (2026, 3, 29, 2, 30));
  /* Follow-ups due in March: Anna's on the 10th done that evening (on
   * time) and on the 11th done the next morning (late); Boris's on the
   * 30th still open on 1 May (late). */
  sql (fixture,
       "INSERT INTO interactions (client_id, kind, occurred_at, staff_id, follow_up_on, follow_up_done_at, created_at)"
       " VALUES (1, 'note', 0, 1, '2026-03-10', %" G_GINT64_FORMAT ", 0),"
       " (1, 'note', 0, 1, '2026-03-11', %" G_GINT64_FORMAT ", 0),"
       " (2, 'note', 0, 2, '2026-03-30', NULL, 0);",
       local_moment (2026, 3, 10, 23, 50), local_moment (2026, 3, 12, 8, 0));

  report = run_report (fixture, march, RAPPORT_ANALYTICS_STAFF);
  g_assert_cmpuint (report->staff->len, ==, 2);
  first = g_ptr_array_index (report->staff, 0);
  second = g_ptr_array_index (report->staff, 1);
  g_assert_cmpstr (first->name, ==, "Anna");
  g_assert_cmpuint (first->orders, ==, 1);
  g_assert_cmpint (first->revenue, ==, 10000);
  /* Two notes with no time of their own count at 1970 and not here; the
   * call at 23:30 on 31 March does. */
  g_assert_cmpuint (first->interactions, ==, 1);
  g_assert_cmpuint (first->follow_ups_on_time, ==, 1);
  g_assert_cmpuint (first->follow_ups_late, ==, 1);
  g_assert_cmpuint (first->quotes_won, ==, 1);
  g_assert_cmpuint (first->quotes_lost, ==, 0);
  g_assert_cmpstr (second->name, ==, "Boris");
  g_assert_cmpint (second->revenue, ==, 5000);
  /* 02:30 on 29 March does not exist (the clock jumps to 03:00): it is
   * still that day. */
  g_assert_cmpuint (second->interactions, ==, 1);
  g_assert_cmpuint (second->follow_ups_on_time, ==, 0);
  g_assert_cmpuint (second->follow_ups_late, ==, 1);
  g_assert_cmpuint (second->quotes_won, ==, 1);
  g_assert_cmpuint (second->quotes_lost, ==, 1);

  /* Two follow-ups of Anna's due on the 20th, both done at 22:30 UTC that
   * day: 23:30 here in Warsaw, on time; 02:00 the next day in Tehran. One
   * is written by a process in Tehran, the other here: both count as this
   * reader's clock says, whoever wrote them. */
  write_in_zone (fixture, "Asia/Tehran",
                 "INSERT INTO interactions (client_id, kind, occurred_at, staff_id, follow_up_on,"
                 " follow_up_done_at, created_at) VALUES (1, 'note', 0, 1, '2026-03-20',"
                 " unixepoch('2026-03-20 22:30'), 0);");
  sql (fixture, "INSERT INTO interactions (client_id, kind, occurred_at, staff_id, follow_up_on,"
       " follow_up_done_at, created_at) VALUES (1, 'note', 0, 1, '2026-03-20', unixepoch('2026-03-20 22:30'), 0);");
  g_clear_pointer (&report, rapport_analytics_report_unref);
  report = run_report (fixture, march, RAPPORT_ANALYTICS_STAFF);
  first = g_ptr_array_index (report->staff, 0);
  g_assert_cmpstr (first->name, ==, "Anna");
  g_assert_cmpuint (first->follow_ups_on_time, ==, 3);
  g_assert_cmpuint (first->follow_ups_late, ==, 1);
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (rapport_analytics_check_summaries (fixture->analytics, &error));
    g_assert_no_error (error);
  }

  /* Under a tag of C1's, read from the tag's interactions and follow-ups
   * by day (step 0025): Anna's follow-ups and call are C1's, Boris's are
   * C2's. */
  sql (fixture, "INSERT INTO tags (id, name) VALUES (1, 'vip');"
       "INSERT INTO client_tags (client_id, tag_id, position) VALUES (1, 1, 0);");
  march->client_tag = g_strdup ("vip");
  g_clear_pointer (&report, rapport_analytics_report_unref);
  report = run_report (fixture, march, RAPPORT_ANALYTICS_STAFF);
  for (guint i = 0; i < report->staff->len; i++)
    {
      RapportStaffRow *row = g_ptr_array_index (report->staff, i);
      gboolean anna = g_str_equal (row->name, "Anna");

      g_assert_cmpuint (row->interactions, ==, anna ? 1 : 0);
      g_assert_cmpuint (row->follow_ups_on_time, ==, anna ? 3 : 0);
      g_assert_cmpuint (row->follow_ups_late, ==, anna ? 1 : 0);
    }
}

static void
assert_same_funnel (const RapportFunnel *a,
                    const RapportFunnel *b)
{
  for (guint i = 0; i < RAPPORT_FUNNEL_N_STAGES; i++)
    {
      RapportFunnelStep *x = g_ptr_array_index (a->steps, i), *y = g_ptr_array_index (b->steps, i);

      g_assert_cmpuint (x->count, ==, y->count);
      g_assert_cmpint (x->value, ==, y->value);
      g_assert_cmpint (x->median_seconds, ==, y->median_seconds);
    }
  g_assert_cmpuint (a->won, ==, b->won);
  g_assert_cmpint (a->won_value, ==, b->won_value);
  g_assert_cmpuint (a->lost, ==, b->lost);
  g_assert_cmpint (a->lost_value, ==, b->lost_value);
  g_assert_cmpuint (a->lost_reasons->len, ==, b->lost_reasons->len);
}

static void
test_funnel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(RapportAnalyticsQuery) query = rapport_analytics_query_new ("2026-03-01", "2026-04-30",
                                                                        RAPPORT_ANALYTICS_BY_MONTH);
  g_autoptr(RapportAnalyticsQuery) filtered = rapport_analytics_query_copy (query);
  g_autoptr(RapportAnalyticsReport) report = NULL;
  g_autoptr(RapportAnalyticsReport) from_orders = NULL;
  gint64 t1 = local_moment (2026, 3, 1, 9, 0), t2 = local_moment (2026, 3, 30, 9, 0);
  gint64 t3 = local_moment (2026, 4, 9, 9, 0), t4 = local_moment (2026, 3, 14, 9, 0);
  RapportFunnelStep *step;
  RapportLostReasonRow *reason;

  add_order (fixture, 1, 1, 1, "2026-03-02", "closed", 10000, NULL);
  add_order (fixture, 2, 2, 2, "2026-03-31", "confirmed", 5000, NULL);
  add_order (fixture, 3, 1, 1, "2026-04-10", "closed", 8000, NULL);
  add_order (fixture, 4, 3, 1, "2026-03-15", "cancelled", 2000, NULL);
  add_order (fixture, 6, 4, 2, "2026-04-30", "quoted", 7000, NULL);
  add_order (fixture, 7, 5, 2, "2026-03-20", "lost", 4000, NULL);
  add_order (fixture, 11, 5, 2, "2026-03-21", "draft", 900, NULL);
  sql (fixture, "UPDATE orders SET lost_reason_id = 1 WHERE id = 7;");
  /* Quoted → confirmed: 1 h, 2 h, 3 h and (O4, later cancelled) 10 min. */
  add_status (fixture, 1, "quoted", t1);
  add_status (fixture, 1, "confirmed", t1 + 3600);
  add_status (fixture, 2, "quoted", t2);
  add_status (fixture, 2, "confirmed", t2 + 7200);
  add_status (fixture, 3, "quoted", t3);
  add_status (fixture, 3, "confirmed", t3 + 10800);
  add_status (fixture, 4, "quoted", t4);
  add_status (fixture, 4, "confirmed", t4 + 600);
  add_status (fixture, 4, "cancelled", t4 + 900);
  add_status (fixture, 6, "quoted", t2);
  add_status (fixture, 7, "quoted", t2);
  add_status (fixture, 7, "lost", t2 + 60);
  /* Paid in full: O1 1000 s and O2 5000 s after confirming; O3 only in part. */
  add_payment (fixture, 1, "2026-03-02", 10000, t1 + 3600 + 1000);
  add_payment (fixture, 2, "2026-03-31", 5000, t2 + 7200 + 5000);
  add_payment (fixture, 3, "2026-04-10", 4000, t3 + 20000);
  /* O1 delivered a day after it was paid. */
  sql (fixture,
       "INSERT INTO deliveries (id, order_id, client_id, carrier_id, planned_on, status, created_at, updated_at)"
       " VALUES (1, 1, 1, (SELECT min(id) FROM carriers), '2026-03-03', 'delivered', 0, 0);"
       "INSERT INTO delivery_status_changes (delivery_id, status, changed_at) VALUES (1, 'delivered', %"
       G_GINT64_FORMAT ");", t1 + 3600 + 1000 + 86400);

  report = run_report (fixture, query, RAPPORT_ANALYTICS_FUNNEL);
  g_assert_cmpuint (report->funnel->steps->len, ==, 4);
  step = g_ptr_array_index (report->funnel->steps, RAPPORT_FUNNEL_QUOTED);
  g_assert_cmpuint (step->count, ==, 6);
  g_assert_cmpint (step->value, ==, 36000);
  g_assert_cmpint (step->median_seconds, ==, -1);
  step = g_ptr_array_index (report->funnel->steps, RAPPORT_FUNNEL_CONFIRMED);
  g_assert_cmpuint (step->count, ==, 4);
  g_assert_cmpint (step->value, ==, 25000);
  g_assert_cmpfloat_with_epsilon (step->conversion, 4.0 / 6.0, 1e-9);
  g_assert_cmpint (step->median_seconds, ==, 3600);
  step = g_ptr_array_index (report->funnel->steps, RAPPORT_FUNNEL_PAID);
  g_assert_cmpuint (step->count, ==, 2);
  g_assert_cmpint (step->value, ==, 15000);
  g_assert_cmpfloat_with_epsilon (step->conversion, 0.5, 1e-9);
  /* The medians are rounded down to the hour (to the day beyond two
   * days): 1000 s is within the first hour. */
  g_assert_cmpint (step->median_seconds, ==, 0);
  step = g_ptr_array_index (report->funnel->steps, RAPPORT_FUNNEL_DELIVERED);
  g_assert_cmpuint (step->count, ==, 1);
  g_assert_cmpint (step->median_seconds, ==, 86400);
  g_assert_cmpfloat_with_epsilon (step->conversion, 0.5, 1e-9);

  g_assert_cmpuint (report->funnel->won, ==, 3);
  g_assert_cmpint (report->funnel->won_value, ==, 23000);
  g_assert_cmpuint (report->funnel->lost, ==, 1);
  g_assert_cmpint (report->funnel->lost_value, ==, 4000);
  g_assert_cmpuint (report->funnel->lost_reasons->len, ==, 1);
  reason = g_ptr_array_index (report->funnel->lost_reasons, 0);
  g_assert_cmpint (reason->reason_id, ==, 1);
  g_assert_cmpstr (reason->name, !=, "");
  g_assert_cmpint (reason->value, ==, 4000);

  /* Every line is a product: the same funnel read from the orders, as
   * under a filter, as from the funnel by day. */
  filtered->item_kind = g_strdup ("product");
  from_orders = run_report (fixture, filtered, RAPPORT_ANALYTICS_FUNNEL);
  assert_same_funnel (report->funnel, from_orders->funnel);

  /* One member of staff, from the funnel by day: Boris took O2, O6 and
   * the lost O7; O2 was confirmed 2 h after its quote. */
  g_clear_pointer (&from_orders, rapport_analytics_report_unref);
  g_clear_pointer (&filtered->item_kind, g_free);
  filtered->staff_id = 2;
  from_orders = run_report (fixture, filtered, RAPPORT_ANALYTICS_FUNNEL);
  step = g_ptr_array_index (from_orders->funnel->steps, RAPPORT_FUNNEL_QUOTED);
  g_assert_cmpuint (step->count, ==, 3);
  g_assert_cmpint (step->value, ==, 16000);
  step = g_ptr_array_index (from_orders->funnel->steps, RAPPORT_FUNNEL_CONFIRMED);
  g_assert_cmpuint (step->count, ==, 1);
  g_assert_cmpint (step->median_seconds, ==, 7200);
  g_assert_cmpuint (from_orders->funnel->won, ==, 1);
  g_assert_cmpuint (from_orders->funnel->lost, ==, 1);
  g_assert_cmpuint (from_orders->funnel->lost_reasons->len, ==, 1);
}

/* The orders behind a figure, newest first, as a text like "3 2 1". */
static char *
listed (Fixture                     *fixture,
        const RapportAnalyticsQuery *query,
        RapportAnalyticsOrders       part,
        gint64                       key,
        const char                  *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rapport_analytics_list_orders (fixture->analytics, query, part, key, name, NULL, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "", g_array_index (ids, gint64, i));
  return g_string_free (text, FALSE);
}

#define ASSERT_LISTED(query, part, key, name, expected) \
  G_STMT_START { \
    g_autofree char *text_ = listed (fixture, query, part, key, name); \
    g_assert_cmpstr (text_, ==, expected); \
  } G_STMT_END

/* How many orders a list holds, against a figure's count. */
static guint
n_listed (Fixture                     *fixture,
          const RapportAnalyticsQuery *query,
          RapportAnalyticsOrders       part,
          gint64                       key,
          const char                  *name)
{
  g_autoptr(GArray) ids = rapport_analytics_list_orders (fixture->analytics, query, part, key, name, NULL, NULL);

  g_assert_nonnull (ids);
  return ids != NULL ? ids->len : G_MAXUINT;
}

static void
assert_rows_listed (Fixture                     *fixture,
                    const RapportAnalyticsQuery *query,
                    GPtrArray                   *rows,
                    RapportAnalyticsOrders       part)
{
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      const RapportBreakdownRow *row = g_ptr_array_index (rows, i);

      g_assert_cmpuint (n_listed (fixture, query, part, row->id, row->label), ==, row->orders);
    }
}

/* Drilling down: the sales data set of March and April, C1 in Mazovia,
 * O2 from campaign 1 and C2 tagged “vip”. Counted then: O3 (04-10, Anna),
 * O2 (03-31, Boris), O1 (03-02, Anna); also O6 quoted, O7 lost (reason
 * 1), O4 cancelled. Each list is worked out here, and each row of the
 * report opens as many orders as it counts. */
static void
test_list_orders (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(RapportAnalyticsQuery) query = rapport_analytics_query_new ("2026-03-01", "2026-04-30",
                                                                        RAPPORT_ANALYTICS_BY_MONTH);
  g_autoptr(RapportAnalyticsQuery) march = rapport_analytics_query_new ("2026-03-01", "2026-03-31",
                                                                        RAPPORT_ANALYTICS_BY_DAY);
  g_autoptr(RapportAnalyticsQuery) anna = rapport_analytics_query_copy (query);
  g_autoptr(RapportAnalyticsQuery) vip = rapport_analytics_query_copy (query);
  g_autoptr(RapportAnalyticsQuery) services = rapport_analytics_query_copy (query);
  g_autoptr(RapportAnalyticsReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) none = NULL;

  add_sales (fixture);
  sql (fixture,
       "INSERT INTO client_addresses (client_id, position, locality, region) VALUES (1, 0, 'Warsaw', 'Mazovia');"
       "INSERT INTO campaigns (id, name, channel, created_at, updated_at) VALUES (1, 'Spring', 'email', 0, 0);"
       "UPDATE orders SET campaign_id = 1 WHERE id = 2;"
       "INSERT INTO tags (id, name) VALUES (1, 'vip');"
       "INSERT INTO client_tags (client_id, tag_id, position) VALUES (2, 1, 0);");
  anna->staff_id = 1;
  vip->client_tag = g_strdup ("vip");
  services->item_kind = g_strdup ("service");

  ASSERT_LISTED (query, RAPPORT_ANALYTICS_ORDERS_SALES, 0, NULL, "3 2 1");
  ASSERT_LISTED (march, RAPPORT_ANALYTICS_ORDERS_SALES, 0, NULL, "2 1");
  ASSERT_LISTED (query, RAPPORT_ANALYTICS_ORDERS_BY_PRODUCT, 0, "Thing", "3 2 1");
  ASSERT_LISTED (query, RAPPORT_ANALYTICS_ORDERS_BY_PRODUCT, 0, "Other", "");
  ASSERT_LISTED (query, RAPPORT_ANALYTICS_ORDERS_BY_STAFF, 1, NULL, "3 1");
  ASSERT_LISTED (query, RAPPORT_ANALYTICS_ORDERS_BY_STAFF, 2, NULL, "2");
  ASSERT_LISTED (query, RAPPORT_ANALYTICS_ORDERS_BY_REGION, 0, "Mazovia", "3 1");
  ASSERT_LISTED (query, RAPPORT_ANALYTICS_ORDERS_BY_REGION, 0, NULL, "2");
  ASSERT_LISTED (query, RAPPORT_ANALYTICS_ORDERS_BY_CAMPAIGN, 1, NULL, "2");
  ASSERT_LISTED (query, RAPPORT_ANALYTICS_ORDERS_BY_CAMPAIGN, 0, NULL, "3 1");
  ASSERT_LISTED (query, RAPPORT_ANALYTICS_ORDERS_FUNNEL, RAPPORT_FUNNEL_QUOTED, NULL, "6 3 2 7 4 1");
  ASSERT_LISTED (query, RAPPORT_ANALYTICS_ORDERS_FUNNEL, RAPPORT_FUNNEL_CONFIRMED, NULL, "3 2 1");
  /* O3 had 30.00 of its 80.00 paid back. */
  ASSERT_LISTED (query, RAPPORT_ANALYTICS_ORDERS_FUNNEL, RAPPORT_FUNNEL_PAID, NULL, "2 1");
  ASSERT_LISTED (query, RAPPORT_ANALYTICS_ORDERS_FUNNEL, RAPPORT_FUNNEL_DELIVERED, NULL, "");
  ASSERT_LISTED (query, RAPPORT_ANALYTICS_ORDERS_LOST, 1, NULL, "7");
  ASSERT_LISTED (query, RAPPORT_ANALYTICS_ORDERS_LOST, 0, NULL, "");

  /* The filters: Anna's, the vip's, and services only (every line is a
   * product). */
  ASSERT_LISTED (anna, RAPPORT_ANALYTICS_ORDERS_SALES, 0, NULL, "3 1");
  ASSERT_LISTED (anna, RAPPORT_ANALYTICS_ORDERS_FUNNEL, RAPPORT_FUNNEL_QUOTED, NULL, "3 4 1");
  ASSERT_LISTED (vip, RAPPORT_ANALYTICS_ORDERS_BY_CAMPAIGN, 1, NULL, "2");
  ASSERT_LISTED (vip, RAPPORT_ANALYTICS_ORDERS_BY_CAMPAIGN, 0, NULL, "");
  ASSERT_LISTED (services, RAPPORT_ANALYTICS_ORDERS_SALES, 0, NULL, "");
  ASSERT_LISTED (services, RAPPORT_ANALYTICS_ORDERS_BY_PRODUCT, 0, "Thing", "");

  /* Every bar, step and reason of the report opens what it counts. */
  report = run_report (fixture, query, RAPPORT_ANALYTICS_ALL);
  assert_rows_listed (fixture, query, report->by_product, RAPPORT_ANALYTICS_ORDERS_BY_PRODUCT);
  assert_rows_listed (fixture, query, report->by_staff, RAPPORT_ANALYTICS_ORDERS_BY_STAFF);
  assert_rows_listed (fixture, query, report->by_region, RAPPORT_ANALYTICS_ORDERS_BY_REGION);
  assert_rows_listed (fixture, query, report->by_campaign, RAPPORT_ANALYTICS_ORDERS_BY_CAMPAIGN);
  for (guint i = 0; i < report->funnel->steps->len; i++)
    {
      const RapportFunnelStep *step = g_ptr_array_index (report->funnel->steps, i);

      g_assert_cmpuint (n_listed (fixture, query, RAPPORT_ANALYTICS_ORDERS_FUNNEL, step->stage, NULL), ==,
                        step->count);
    }
  for (guint i = 0; i < report->funnel->lost_reasons->len; i++)
    {
      const RapportLostReasonRow *reason = g_ptr_array_index (report->funnel->lost_reasons, i);

      g_assert_cmpuint (n_listed (fixture, query, RAPPORT_ANALYTICS_ORDERS_LOST, reason->reason_id, NULL), ==,
                        reason->count);
    }
  g_assert_cmpuint (n_listed (fixture, query, RAPPORT_ANALYTICS_ORDERS_SALES, 0, NULL), ==, report->sales->orders);

  /* Under a tag, read from the clients' orders by client: the vip C2's
   * O2 (31 March, Boris, paid on 1 April); C2 bought in February. */
  g_clear_pointer (&report, rapport_analytics_report_unref);
  report = run_report (fixture, vip, RAPPORT_ANALYTICS_ALL);
  g_assert_cmpuint (report->sales->orders, ==, 1);
  g_assert_cmpint (report->sales->invoiced, ==, 5000);
  g_assert_cmpint (report->sales->paid, ==, 5000);
  g_assert_cmpuint (report->sales->new_clients, ==, 0);
  g_assert_cmpuint (report->sales->returning_clients, ==, 1);
  g_assert_cmpuint (report->by_region->len, ==, 1);
  g_assert_cmpstr (((RapportBreakdownRow *) g_ptr_array_index (report->by_region, 0))->label, ==, "");
  g_assert_cmpuint (report->by_staff->len, ==, 1);
  g_assert_cmpint (((RapportBreakdownRow *) g_ptr_array_index (report->by_staff, 0))->id, ==, 2);
  g_assert_cmpuint (((RapportFunnelStep *) g_ptr_array_index (report->funnel->steps, 0))->count, ==, 1);
  /* Under a place (without case): C1's O1 and O3, with O3's refund;
   * C1 bought first on 2 March. */
  g_clear_pointer (&report, rapport_analytics_report_unref);
  vip->place = g_strdup ("MAZOVIA");
  g_clear_pointer (&vip->client_tag, g_free);
  report = run_report (fixture, vip, RAPPORT_ANALYTICS_ALL);
  g_assert_cmpuint (report->sales->orders, ==, 2);
  g_assert_cmpint (report->sales->invoiced, ==, 18000);
  g_assert_cmpint (report->sales->paid, ==, 15000);
  g_assert_cmpint (report->sales->refunded, ==, 3000);
  g_assert_cmpuint (report->sales->new_clients, ==, 1);
  g_assert_cmpuint (report->sales->returning_clients, ==, 0);
  g_assert_cmpstr (((RapportBreakdownRow *) g_ptr_array_index (report->by_region, 0))->label, ==, "Mazovia");
  g_assert_cmpuint (n_listed (fixture, vip, RAPPORT_ANALYTICS_ORDERS_SALES, 0, NULL), ==, 2);
  /* By product, from the clients' lines: O1 given a second line of the
   * same thing and a service still counts once for the thing. */
  sql (fixture, "INSERT INTO order_lines (order_id, position, kind, name, quantity, unit_price, net, tax, gross)"
                " VALUES (1, 1, 'product', 'Thing', 1000, 1000, 1000, 0, 1000),"
                " (1, 2, 'service', 'Fitting', 1000, 500, 500, 0, 500);");
  g_clear_pointer (&report, rapport_analytics_report_unref);
  report = run_report (fixture, vip, RAPPORT_ANALYTICS_BREAKDOWNS);
  g_assert_cmpuint (report->by_product->len, ==, 2);
  g_assert_cmpstr (((RapportBreakdownRow *) g_ptr_array_index (report->by_product, 0))->label, ==, "Thing");
  g_assert_cmpuint (((RapportBreakdownRow *) g_ptr_array_index (report->by_product, 0))->orders, ==, 2);
  g_assert_cmpint (((RapportBreakdownRow *) g_ptr_array_index (report->by_product, 0))->invoiced, ==, 19000);
  g_assert_cmpstr (((RapportBreakdownRow *) g_ptr_array_index (report->by_product, 1))->label, ==, "Fitting");
  g_assert_cmpuint (((RapportBreakdownRow *) g_ptr_array_index (report->by_product, 1))->orders, ==, 1);
  g_assert_cmpint (((RapportBreakdownRow *) g_ptr_array_index (report->by_product, 1))->invoiced, ==, 500);

  /* A step the funnel does not have is refused, with a message. */
  none = rapport_analytics_list_orders (fixture->analytics, query, RAPPORT_ANALYTICS_ORDERS_FUNNEL, 9, NULL,
                                        NULL, &error);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_null (none);
}

static void
assert_bucket (GPtrArray  *owed,
               guint       index,
               guint       count,
               gint64      amount,
               gint64      first_id)
{
  RapportAgeingBucket *bucket = g_ptr_array_index (owed, index);

  g_assert_cmpuint (bucket->count, ==, count);
  g_assert_cmpint (bucket->amount, ==, amount);
  g_assert_cmpuint (bucket->order_ids->len, ==, count);
  if (count > 0)
    g_assert_cmpint (g_array_index (bucket->order_ids, gint64, 0), ==, first_id);
}

/* The row of @rows labelled @label. */
static RapportBreakdownRow *
find_row (GPtrArray  *rows,
          const char *label)
{
  for (guint i = 0; i < rows->len; i++)
    {
      RapportBreakdownRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row->label, label) == 0)
        return row;
    }
  g_error ("No row “%s”", label);
}

/* Money owed under @query's member of staff and @orders (a condition on
 * the order “o”) is what the orders say: each bucket's count and amount
 * worked out from the tables. Returns what is owed in all. */
static gint64
assert_owed_is_tables (Fixture               *fixture,
                       RapportAnalyticsQuery *query,
                       const char            *which)
{
  g_autoptr(RapportAnalyticsReport) report = run_report (fixture, query, RAPPORT_ANALYTICS_OWED);
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autofree char *counted = NULL;
  g_auto(GStrv) figures = NULL;
  gint64 owed = 0;

  g_assert_cmpuint (report->owed->len, ==, 4);
  /* Each bucket's count and amount from the orders, in one statement
   * (each look at the file reads its whole schema again). */
  for (guint i = 0; i < report->owed->len; i++)
    g_string_append_printf (sql, "%scoalesce(sum(bucket = %u), 0) || ' '"
                            " || coalesce(sum(CASE WHEN bucket = %u THEN owing END), 0)",
                            i > 0 ? " || ' ' || " : "", i, i);
  g_string_append_printf (sql, " FROM (SELECT o.total - o.paid AS owing,"
                          " CASE WHEN julianday ('%s') - julianday (o.payment_due_on) <= 30"
                          " THEN 0 WHEN julianday ('%s') - julianday (o.payment_due_on) <= 60"
                          " THEN 1 WHEN julianday ('%s') - julianday (o.payment_due_on) <= 90"
                          " THEN 2 ELSE 3 END AS bucket"
                          " FROM orders o WHERE o.paid < o.total"
                          " AND o.status IN ('confirmed', 'fulfilled', 'closed')"
                          " AND o.ordered_on <= '%s' AND (%d = 0 OR o.staff_id = %d) AND %s)",
                          query->to_day, query->to_day, query->to_day, query->to_day,
                          (int) query->staff_id, (int) query->staff_id, which);
  counted = rapport_test_query_text (fixture->path, sql->str);
  figures = g_strsplit (counted, " ", -1);
  g_assert_cmpuint (g_strv_length (figures), ==, 2 * report->owed->len);
  for (guint i = 0; i < report->owed->len; i++)
    {
      RapportAgeingBucket *bucket = g_ptr_array_index (report->owed, i);

      g_assert_cmpint (bucket->count, ==, g_ascii_strtoll (figures[2 * i], NULL, 10));
      g_assert_cmpint (bucket->amount, ==, g_ascii_strtoll (figures[2 * i + 1], NULL, 10));
      g_assert_cmpuint (bucket->order_ids->len, ==, bucket->count);
      owed += bucket->amount;
    }
  return owed;
}

/* Money owed under @query's catalog item (and member of staff), from the
 * item's unpaid orders (step 0021), is what the orders and lines say. */
static void
assert_item_owed_is_tables (Fixture               *fixture,
                            RapportAnalyticsQuery *query)
{
  g_autofree char *which = g_strdup_printf ("o.id IN (SELECT order_id FROM order_lines WHERE catalog_item_id = %d)",
                                            (int) query->catalog_item_id);

  assert_owed_is_tables (fixture, query, which);
}

/* Sales under a place and a tag; and the whole page under a catalog
 * item's filter, read from the item's orders and payments by day (step
 * 0018). Item 1 is on O1 (beside a line
 * of item 2: O1 comes to 120.00, 100.00 of it item 1's), O3, O9 and O10
 * (two lines, 25.00 and 5.00); item 2 on O1 and O2. February to April:
 *   February: O9 15.00 and O10 30.00; paid 5.00 on O10;
 *   March:    O1 100.00 (item 1's lines); paid 100.00 on O1;
 *   April:    O3 80.00; paid 80.00 on O3, 30.00 refunded (O2's payment
 *             on 1 April is item 2's order's).
 * C1, C3 and C4 bought it, each for the first time: three new clients.
 * All Anna's; C1 lives in Mazowieckie (O1, O3), the others nowhere. */
static void
test_item_filter (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(RapportAnalyticsQuery) query = rapport_analytics_query_new ("2026-02-01", "2026-04-30",
                                                                        RAPPORT_ANALYTICS_BY_MONTH);
  g_autoptr(RapportAnalyticsReport) report = NULL;
  g_autoptr(RapportSales) raw = NULL;
  g_autoptr(GError) error = NULL;
  RapportBreakdownRow *row;
  RapportFunnelStep *step;

  add_sales (fixture);
  sql (fixture, "INSERT INTO catalog_items (id, name, kind, unit_price, sort_key, created_at, updated_at)"
                " VALUES (1, 'Thing', 'product', 100, 'thing', 0, 0), (2, 'Other', 'service', 100, 'other', 0, 0);"
                "UPDATE order_lines SET catalog_item_id = 1 WHERE order_id IN (1, 3, 9, 10);"
                "UPDATE order_lines SET catalog_item_id = 2 WHERE order_id = 2;"
                "INSERT INTO order_lines (order_id, position, catalog_item_id, kind, name, quantity, unit_price,"
                " net, tax, gross) VALUES (1, 1, 2, 'service', 'Other', 1000, 2000, 2000, 0, 2000),"
                " (10, 1, 1, 'product', 'Thing', 1000, 500, 500, 0, 500);"
                "INSERT INTO client_addresses (client_id, position, locality, region)"
                " VALUES (1, 0, 'Radom', 'Mazowieckie');");
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT total FROM orders WHERE id = 1"), ==, 12000);
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(*) FROM item_orders WHERE item_id = 1"), ==, 4);
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT amount FROM item_orders"
                                          " WHERE item_id = 1 AND order_id = 10"), ==, 3000);

  /* First the clients of a place, by its region or its city in any case
   * (C1: O1, 120.00 in March, and O3), and those of a tag (C2: O5 in
   * February, O2 in March, paid in April). */
  {
    static const char * const places[] = { "MAZOWIECKIE", "radom" };

    for (guint i = 0; i < G_N_ELEMENTS (places); i++)
      {
        g_autoptr(RapportAnalyticsQuery) place = rapport_analytics_query_copy (query);

        place->place = g_strdup (places[i]);
        report = run_report (fixture, place, RAPPORT_ANALYTICS_SALES);
        assert_point (report->sales, 0, "2026-02-01", 0, 0, 0, 0, 0);
        assert_point (report->sales, 1, "2026-03-01", 12000, 10000, 0, 1, 0);
        assert_point (report->sales, 2, "2026-04-01", 8000, 5000, 3000, 1, 0);
        g_assert_cmpuint (report->sales->new_clients, ==, 1);
        g_assert_cmpuint (report->sales->returning_clients, ==, 0);
        g_clear_pointer (&report, rapport_analytics_report_unref);
      }
  }
  {
    g_autoptr(RapportAnalyticsQuery) tagged = rapport_analytics_query_copy (query);

    sql (fixture, "INSERT INTO tags (id, name) VALUES (1, 'vip');"
                  "INSERT INTO client_tags (client_id, tag_id, position) VALUES (2, 1, 0);");
    tagged->client_tag = g_strdup ("vip");
    report = run_report (fixture, tagged, RAPPORT_ANALYTICS_SALES);
    assert_point (report->sales, 0, "2026-02-01", 1000, 1000, 0, 1, 0);
    assert_point (report->sales, 1, "2026-03-01", 5000, 0, 0, 1, 0);
    assert_point (report->sales, 2, "2026-04-01", 0, 5000, 0, 0, 0);
    g_assert_cmpuint (report->sales->new_clients, ==, 1);
    g_assert_cmpuint (report->sales->returning_clients, ==, 0);
    g_clear_pointer (&report, rapport_analytics_report_unref);
  }

  query->catalog_item_id = 1;
  report = run_report (fixture, query, RAPPORT_ANALYTICS_ALL);
  g_assert_cmpuint (report->sales->points->len, ==, 3);
  assert_point (report->sales, 0, "2026-02-01", 4500, 500, 0, 2, 0);
  assert_point (report->sales, 1, "2026-03-01", 10000, 10000, 0, 1, 0);
  assert_point (report->sales, 2, "2026-04-01", 8000, 5000, 3000, 1, 0);
  g_assert_cmpint (report->sales->net, ==, 19500);
  g_assert_cmpuint (report->sales->new_clients, ==, 3);
  g_assert_cmpuint (report->sales->returning_clients, ==, 0);
  raw = rapport_analytics_sales_from_orders (fixture->analytics, query, NULL, &error);
  g_assert_no_error (error);
  assert_same_sales (report->sales, raw);

  g_assert_cmpuint (report->by_staff->len, ==, 1);
  row = g_ptr_array_index (report->by_staff, 0);
  g_assert_cmpstr (row->label, ==, "Anna");
  g_assert_cmpuint (row->orders, ==, 4);
  g_assert_cmpint (row->invoiced, ==, 22500);
  g_assert_cmpuint (report->by_product->len, ==, 1);
  row = g_ptr_array_index (report->by_product, 0);
  g_assert_cmpstr (row->label, ==, "Thing");
  g_assert_cmpint (row->invoiced, ==, 22500);
  row = find_row (report->by_region, "Mazowieckie");
  g_assert_cmpuint (row->orders, ==, 2);
  g_assert_cmpint (row->invoiced, ==, 18000);
  row = find_row (report->by_region, "");
  g_assert_cmpuint (row->orders, ==, 2);
  g_assert_cmpint (row->invoiced, ==, 4500);
  /* No campaign: all of it is the row of none. */
  g_assert_cmpuint (report->by_campaign->len, ==, 1);
  row = g_ptr_array_index (report->by_campaign, 0);
  g_assert_cmpint (row->invoiced, ==, 22500);

  /* Four sales, none paid in full (O1 owes the 20.00 of item 2). */
  step = g_ptr_array_index (report->funnel->steps, RAPPORT_FUNNEL_QUOTED);
  g_assert_cmpuint (step->count, ==, 4);
  g_assert_cmpint (step->value, ==, 22500);
  step = g_ptr_array_index (report->funnel->steps, RAPPORT_FUNNEL_CONFIRMED);
  g_assert_cmpuint (step->count, ==, 4);
  step = g_ptr_array_index (report->funnel->steps, RAPPORT_FUNNEL_PAID);
  g_assert_cmpuint (step->count, ==, 0);

  /* Item 2's funnel (O2 and O1, 50.00 and 20.00) gains O3 with a free
   * sample of item 2, a line of nothing that leaves O3's total as it is,
   * and loses it with the line. */
  {
    static const char * const writes[] = {
      "INSERT INTO order_lines (order_id, position, catalog_item_id, kind, name, quantity, unit_price,"
      " net, tax, gross) VALUES (3, 7, 2, 'service', 'Sample', 1000, 0, 0, 0, 0);",
      "DELETE FROM order_lines WHERE order_id = 3 AND position = 7;",
    };
    g_autoptr(RapportAnalyticsQuery) other = rapport_analytics_query_copy (query);

    other->catalog_item_id = 2;
    for (guint i = 0; i <= G_N_ELEMENTS (writes); i++)
      {
        g_autoptr(RapportAnalyticsReport) funnel = NULL;
        RapportFunnelStep *quoted;

        if (i > 0)
          sql (fixture, "%s", writes[i - 1]);
        funnel = run_report (fixture, other, RAPPORT_ANALYTICS_FUNNEL);
        quoted = g_ptr_array_index (funnel->funnel->steps, RAPPORT_FUNNEL_QUOTED);
        g_assert_cmpuint (quoted->count, ==, i == 1 ? 3 : 2);
        g_assert_cmpint (quoted->value, ==, 7000);
        g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT total FROM orders WHERE id = 3"), ==, 8000);
      }
  }

  /* Owed as of 30 April, whole orders: O3 30.00 (20 days); O10 25.00
   * (36 days) and O1 20.00 (59 days); O9 15.00 (64 days). */
  assert_bucket (report->owed, 0, 1, 3000, 3);
  assert_bucket (report->owed, 1, 2, 4500, 1);
  assert_bucket (report->owed, 2, 1, 1500, 9);
  assert_bucket (report->owed, 3, 0, 0, 0);

  /* Item 2: O2 (Boris, 50.00, paid 1 April) and O1's line of 20.00. */
  query->catalog_item_id = 2;
  g_clear_pointer (&report, rapport_analytics_report_unref);
  report = run_report (fixture, query, RAPPORT_ANALYTICS_SALES);
  assert_point (report->sales, 1, "2026-03-01", 7000, 10000, 0, 2, 0);
  assert_point (report->sales, 2, "2026-04-01", 0, 5000, 0, 0, 0);

  /* A line moved to another order, an item changed, a payment and a
   * status changed, an order deleted: the summaries follow, and the
   * figures stay those of the tables. */
  sql (fixture, "UPDATE order_lines SET order_id = 2 WHERE order_id = 10 AND position = 1;"
                "UPDATE order_lines SET catalog_item_id = 2 WHERE order_id = 9;"
                "UPDATE payments SET amount = 7000, paid_on = '2026-04-02' WHERE order_id = 3 AND amount = 8000;"
                "UPDATE orders SET status = 'cancelled', staff_id = 2 WHERE id = 3;"
                "UPDATE orders SET ordered_on = '2026-03-03', client_id = 5 WHERE id = 1;"
                "DELETE FROM order_lines WHERE order_id = 6; DELETE FROM orders WHERE id = 6;");
  g_assert_true (rapport_analytics_check_summaries (fixture->analytics, &error));
  g_assert_no_error (error);
  for (int item = 1; item <= 2; item++)
    for (int staff = 0; staff <= 2; staff++)
      {
        g_autoptr(RapportAnalyticsReport) figures = NULL;
        g_autoptr(RapportSales) tables = NULL;

        query->catalog_item_id = item;
        query->staff_id = staff;
        figures = run_report (fixture, query, RAPPORT_ANALYTICS_SALES);
        tables = rapport_analytics_sales_from_orders (fixture->analytics, query, NULL, &error);
        g_assert_no_error (error);
        assert_same_sales (figures->sales, tables);
      }
  /* Item 1 now: O10 (25.00) and O2's moved line (5.00) are sales; O3 is
   * cancelled: February 25.00, March 100.00 and 5.00, April none but O3's
   * cancellation, paid 70.00 on 2 April and O2's 50.00 on 1 April. */
  query->catalog_item_id = 1;
  query->staff_id = 0;
  g_clear_pointer (&report, rapport_analytics_report_unref);
  report = run_report (fixture, query, RAPPORT_ANALYTICS_SALES);
  assert_point (report->sales, 0, "2026-02-01", 2500, 500, 0, 1, 0);
  assert_point (report->sales, 1, "2026-03-01", 10500, 10000, 0, 2, 0);
  assert_point (report->sales, 2, "2026-04-01", 0, 12000 - 3000, 3000, 0, 1);

  /* Owed as of 30 April, whole orders. Item 1: O2 (Boris) 5.00 of its
   * 55.00 now it has the moved line (30 days); O1 20.00 (due 2 March, 59
   * days) and O10 20.00 (36 days); O3 is cancelled, O9 item 2's. Item 2:
   * O2 and O1 as well, and O9 15.00 (64 days). */
  g_clear_pointer (&report, rapport_analytics_report_unref);
  report = run_report (fixture, query, RAPPORT_ANALYTICS_OWED);
  assert_bucket (report->owed, 0, 1, 500, 2);
  assert_bucket (report->owed, 1, 2, 4000, 1);
  assert_bucket (report->owed, 2, 0, 0, 0);
  assert_bucket (report->owed, 3, 0, 0, 0);
  query->staff_id = 2;
  g_clear_pointer (&report, rapport_analytics_report_unref);
  report = run_report (fixture, query, RAPPORT_ANALYTICS_OWED);
  assert_bucket (report->owed, 0, 1, 500, 2);
  assert_bucket (report->owed, 1, 0, 0, 0);
  query->staff_id = 0;
  query->catalog_item_id = 2;
  g_clear_pointer (&report, rapport_analytics_report_unref);
  report = run_report (fixture, query, RAPPORT_ANALYTICS_OWED);
  assert_bucket (report->owed, 0, 1, 500, 2);
  assert_bucket (report->owed, 1, 1, 2000, 1);
  assert_bucket (report->owed, 2, 1, 1500, 9);
  assert_bucket (report->owed, 3, 0, 0, 0);

  /* O1 paid in full leaves both items' figures; O9 taken on another
   * day, due later, and given to Boris moves with them; O2 back to a
   * quote leaves them. */
  sql (fixture, "INSERT INTO payments (order_id, paid_on, amount, method, created_at)"
                " VALUES (1, '2026-04-20', 2000, 'card', 0);"
                "UPDATE orders SET ordered_on = '2026-04-01', payment_due_on = '2026-04-25', staff_id = 2"
                " WHERE id = 9;"
                "UPDATE orders SET status = 'quoted' WHERE id = 2;");
  g_clear_pointer (&report, rapport_analytics_report_unref);
  report = run_report (fixture, query, RAPPORT_ANALYTICS_OWED);
  assert_bucket (report->owed, 0, 1, 1500, 9);
  assert_bucket (report->owed, 1, 0, 0, 0);
  assert_bucket (report->owed, 2, 0, 0, 0);
  query->staff_id = 2;
  assert_item_owed_is_tables (fixture, query);
  query->staff_id = 0;
  query->catalog_item_id = 1;
  g_clear_pointer (&report, rapport_analytics_report_unref);
  report = run_report (fixture, query, RAPPORT_ANALYTICS_OWED);
  assert_bucket (report->owed, 0, 0, 0, 0);
  assert_bucket (report->owed, 1, 1, 2000, 10);
  /* O9 deleted with its line: item 2 is owed nothing. */
  sql (fixture, "DELETE FROM orders WHERE id = 9;");
  query->catalog_item_id = 2;
  g_clear_pointer (&report, rapport_analytics_report_unref);
  report = run_report (fixture, query, RAPPORT_ANALYTICS_OWED);
  for (guint i = 0; i < report->owed->len; i++)
    assert_bucket (report->owed, i, 0, 0, 0);
  g_assert_true (rapport_analytics_check_summaries (fixture->analytics, &error));
  g_assert_no_error (error);

  /* O3 (Boris's now, item 1's 80.00) lost for reason 1: the only lost
   * quote under item 1, none of Anna's; O7, lost without the item, is
   * not counted. */
  sql (fixture, "UPDATE orders SET status = 'lost', lost_reason_id = 1 WHERE id = 3;");
  query->catalog_item_id = 1;
  g_clear_pointer (&report, rapport_analytics_report_unref);
  report = run_report (fixture, query, RAPPORT_ANALYTICS_FUNNEL);
  g_assert_cmpuint (report->funnel->lost, ==, 1);
  g_assert_cmpint (report->funnel->lost_value, ==, 8000);
  g_assert_cmpuint (report->funnel->lost_reasons->len, ==, 1);
  g_assert_cmpint (((RapportLostReasonRow *) g_ptr_array_index (report->funnel->lost_reasons, 0))->reason_id, ==, 1);
  query->staff_id = 1;
  g_clear_pointer (&report, rapport_analytics_report_unref);
  report = run_report (fixture, query, RAPPORT_ANALYTICS_FUNNEL);
  g_assert_cmpuint (report->funnel->lost, ==, 0);
  query->staff_id = 0;
}

/* As of 30 April: O3 owes 30.00, due 10 April (20 days); O10 20.00, due
 * 25 March (36 days); O9 15.00, due 25 February (64 days); O8 60.00, due
 * 5 January (115 days). */
static void
assert_summaries_hold (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_analytics_check_summaries (fixture->analytics, &error));
  g_assert_no_error (error);
}

/* The sales of @period under @tag or @place, after checking that the
 * figures are the tables'. */
static RapportSales *
group_sales (Fixture                     *fixture,
             const RapportAnalyticsQuery *period,
             const char                  *tag,
             const char                  *place)
{
  g_autoptr(RapportAnalyticsQuery) query = rapport_analytics_query_copy (period);
  g_autoptr(RapportAnalyticsReport) report = NULL;
  g_autoptr(RapportSales) tables = NULL;
  g_autoptr(GError) error = NULL;

  query->client_tag = g_strdup (tag);
  query->place = g_strdup (place);
  report = run_report (fixture, query, RAPPORT_ANALYTICS_SALES);
  tables = rapport_analytics_sales_from_orders (fixture->analytics, query, NULL, &error);
  g_assert_no_error (error);
  assert_same_sales (report->sales, tables);
  return g_steal_pointer (&tables);
}

/* A tag given and taken, an address's city and region changed, a client
 * merged into another and deleted: the figures under a tag and a place
 * (step 0020) move with the client. C1 (O1, O3) lives in Radom, C2 (O2,
 * O5) is a VIP. */
static void
test_group_changes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(RapportAnalyticsQuery) query = rapport_analytics_query_new ("2026-02-01", "2026-04-30",
                                                                        RAPPORT_ANALYTICS_BY_MONTH);
  g_autoptr(RapportSales) radom = NULL;
  g_autoptr(RapportSales) vip = NULL;
  g_autoptr(RapportSales) after = NULL;
  g_autoptr(RapportSales) none = NULL;

  add_sales (fixture);
  sql (fixture, "INSERT INTO client_addresses (client_id, position, locality, region)"
                " VALUES (1, 0, 'Radom', 'Mazowieckie');"
                "INSERT INTO tags (id, name) VALUES (1, 'VIP');"
                "INSERT INTO client_tags (client_id, tag_id, position) VALUES (2, 1, 0);");
  radom = group_sales (fixture, query, NULL, "radom");
  vip = group_sales (fixture, query, "vip", NULL);
  g_assert_cmpint (radom->invoiced, ==, 18000);
  g_assert_cmpint (vip->invoiced, ==, 6000);

  assert_summaries_hold (fixture);

  /* The tag taken from C2 and given to C1: the VIPs' figures are C1's. */
  sql (fixture, "DELETE FROM client_tags WHERE client_id = 2;"
                "INSERT INTO client_tags (client_id, tag_id, position) VALUES (1, 1, 0);");
  after = group_sales (fixture, query, "VIP", NULL);
  assert_same_sales (after, radom);
  g_clear_pointer (&after, rapport_sales_free);

  /* C1 moves to Kraków: Radom and Mazowieckie have no figures, Kraków
   * has C1's. */
  sql (fixture, "UPDATE client_addresses SET locality = 'Kraków', region = 'Małopolskie' WHERE client_id = 1;");
  none = group_sales (fixture, query, NULL, "Radom");
  g_assert_cmpint (none->invoiced, ==, 0);
  g_assert_cmpint (none->paid, ==, 0);
  g_clear_pointer (&none, rapport_sales_free);
  none = group_sales (fixture, query, NULL, "MAZOWIECKIE");
  g_assert_cmpint (none->invoiced, ==, 0);
  after = group_sales (fixture, query, NULL, "kraków");
  assert_same_sales (after, radom);
  g_clear_pointer (&after, rapport_sales_free);
  /* A second address in Radom, then the first one gone: C1 is in
   * Radom alone. */
  sql (fixture, "INSERT INTO client_addresses (client_id, position, locality, region) VALUES (1, 1, 'RADOM', '');"
                "DELETE FROM client_addresses WHERE client_id = 1 AND position = 0;");
  g_clear_pointer (&none, rapport_sales_free);
  none = group_sales (fixture, query, NULL, "Kraków");
  g_assert_cmpint (none->invoiced, ==, 0);
  after = group_sales (fixture, query, NULL, "Radom");
  assert_same_sales (after, radom);
  g_clear_pointer (&after, rapport_sales_free);

  /* C2 merged into C1 (its orders move, and it is deleted): the VIPs'
   * figures are both clients'. */
  sql (fixture, "UPDATE orders SET client_id = 1 WHERE client_id = 2;"
                "DELETE FROM client_tags WHERE client_id = 2;"
                "DELETE FROM client_addresses WHERE client_id = 2;"
                "DELETE FROM clients WHERE id = 2;");
  assert_summaries_hold (fixture);
  after = group_sales (fixture, query, "vip", NULL);
  g_assert_cmpint (after->invoiced, ==, radom->invoiced + vip->invoiced);
  g_assert_cmpint (after->paid, ==, radom->paid + vip->paid);
  g_clear_pointer (&after, rapport_sales_free);

  /* A new sale of C1's, and a payment on it. */
  sql (fixture, "INSERT INTO orders (id, number, client_id, ordered_on, status, payment_due_on, currency,"
                " prices_include_tax, created_at, updated_at) VALUES (50, 'N-50', 1, '2026-03-10', 'confirmed',"
                " '2026-03-10', 'EUR', 1, 0, 0);"
                "INSERT INTO order_lines (order_id, position, kind, name, quantity, unit_price, net, tax, gross)"
                " VALUES (50, 0, 'service', 'Cut', 1000, 1100, 1100, 0, 1100);"
                "INSERT INTO payments (order_id, paid_on, amount, method, created_at)"
                " VALUES (50, '2026-03-11', 400, 'card', 0);");
  after = group_sales (fixture, query, "VIP", NULL);
  g_assert_cmpint (after->invoiced, ==, radom->invoiced + vip->invoiced + 1100);
  g_assert_cmpint (after->paid, ==, radom->paid + vip->paid + 400);
  g_clear_pointer (&after, rapport_sales_free);

  /* The tag renamed, then deleted. */
  sql (fixture, "UPDATE tags SET name = 'Gold' WHERE id = 1;");
  after = group_sales (fixture, query, "gold", NULL);
  g_assert_cmpint (after->invoiced, ==, radom->invoiced + vip->invoiced + 1100);
  g_clear_pointer (&after, rapport_sales_free);
  sql (fixture, "DELETE FROM client_tags WHERE tag_id = 1; DELETE FROM tags WHERE id = 1;");
  g_clear_pointer (&none, rapport_sales_free);
  none = group_sales (fixture, query, "Gold", NULL);
  g_assert_cmpint (none->invoiced, ==, 0);
  assert_summaries_hold (fixture);
}

static void
test_owed (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(RapportAnalyticsQuery) query = rapport_analytics_query_new ("2026-04-01", "2026-04-30",
                                                                        RAPPORT_ANALYTICS_BY_DAY);
  g_autoptr(RapportAnalyticsReport) report = NULL;
  g_autoptr(RapportAnalyticsReport) earlier = NULL;
  RapportAgeingBucket *last;

  add_sales (fixture);
  report = run_report (fixture, query, RAPPORT_ANALYTICS_OWED);
  g_assert_cmpuint (report->owed->len, ==, 4);
  assert_bucket (report->owed, 0, 1, 3000, 3);
  assert_bucket (report->owed, 1, 1, 2000, 10);
  assert_bucket (report->owed, 2, 1, 1500, 9);
  assert_bucket (report->owed, 3, 1, 6000, 8);
  last = g_ptr_array_index (report->owed, 3);
  g_assert_cmpint (last->from_days, ==, 91);
  g_assert_cmpint (last->to_days, ==, -1);

  /* As of 31 March O3 was not taken yet, and each other is a month younger. */
  g_free (query->to_day);
  query->to_day = g_strdup ("2026-03-31");
  g_free (query->from_day);
  query->from_day = g_strdup ("2026-03-01");
  earlier = run_report (fixture, query, RAPPORT_ANALYTICS_OWED);
  assert_bucket (earlier->owed, 0, 1, 2000, 10);
  assert_bucket (earlier->owed, 1, 1, 1500, 9);
  assert_bucket (earlier->owed, 2, 1, 6000, 8);
  assert_bucket (earlier->owed, 3, 0, 0, 0);
}

static void
test_quintiles (void)
{
  /* Five clients: one each. */
  g_assert_cmpint (rapport_rfm_quintile (0, 5), ==, 1);
  g_assert_cmpint (rapport_rfm_quintile (4, 5), ==, 5);
  /* A hundred: twenty to a score. */
  g_assert_cmpint (rapport_rfm_quintile (19, 100), ==, 1);
  g_assert_cmpint (rapport_rfm_quintile (20, 100), ==, 2);
  g_assert_cmpint (rapport_rfm_quintile (99, 100), ==, 5);
  g_assert_cmpint (rapport_rfm_quintile (0, 0), ==, 1);

  g_assert_cmpint (rapport_rfm_segment_for_scores (5, 5, 5), ==, RAPPORT_RFM_CHAMPIONS);
  g_assert_cmpint (rapport_rfm_segment_for_scores (5, 1, 1), ==, RAPPORT_RFM_NEW);
  g_assert_cmpint (rapport_rfm_segment_for_scores (4, 3, 2), ==, RAPPORT_RFM_LOYAL);
  g_assert_cmpint (rapport_rfm_segment_for_scores (4, 2, 1), ==, RAPPORT_RFM_PROMISING);
  g_assert_cmpint (rapport_rfm_segment_for_scores (3, 4, 4), ==, RAPPORT_RFM_LOYAL);
  g_assert_cmpint (rapport_rfm_segment_for_scores (3, 1, 2), ==, RAPPORT_RFM_NEEDS_ATTENTION);
  g_assert_cmpint (rapport_rfm_segment_for_scores (1, 5, 5), ==, RAPPORT_RFM_CANT_LOSE);
  g_assert_cmpint (rapport_rfm_segment_for_scores (2, 3, 3), ==, RAPPORT_RFM_AT_RISK);
  g_assert_cmpint (rapport_rfm_segment_for_scores (2, 1, 2), ==, RAPPORT_RFM_HIBERNATING);
  g_assert_cmpint (rapport_rfm_segment_for_scores (1, 2, 1), ==, RAPPORT_RFM_LOST);

  for (guint i = 0; i < RAPPORT_RFM_N_SEGMENTS; i++)
    {
      RapportRfmSegment back;

      g_assert_true (rapport_rfm_segment_from_string (rapport_rfm_segment_to_string (i), &back));
      g_assert_cmpint (back, ==, i);
      g_assert_cmpstr (rapport_rfm_segment_get_label (i), !=, "");
    }
}

/* The buyers of the sales data set, worked out by hand:
 *   C1 2 orders 180.00 last 04-10 → R5 F4 M5 champions
 *   C2 2 orders  60.00 last 03-31 → R4 F4 M3 champions
 *   C3 1 order   15.00 last 02-20 → R2 F1 M1 hibernating
 *   C4 1 order   25.00 last 02-28 → R3 F1 M2 needs attention
 *   C6 1 order   60.00 last 01-05 → R1 F1 M3 lost
 * Frequencies 1, 1, 1, 2, 2 tie: three 1s and two 4s; C2 and C6 tie on
 * money and both get 3. */
static void
test_rfm (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(RapportAnalyticsQuery) query = rapport_analytics_query_new ("2026-04-01", "2026-04-30",
                                                                        RAPPORT_ANALYTICS_BY_DAY);
  g_autoptr(RapportAnalyticsReport) report = NULL;
  g_autoptr(GArray) champions = NULL;
  g_autoptr(GError) error = NULL;
  RapportRfmScore score;
  RapportRfmRow *row;
  static const struct { int client, r, f, m; RapportRfmSegment segment; } expected[] = {
    { 1, 5, 4, 5, RAPPORT_RFM_CHAMPIONS },
    { 2, 4, 4, 3, RAPPORT_RFM_CHAMPIONS },
    { 3, 2, 1, 1, RAPPORT_RFM_HIBERNATING },
    { 4, 3, 1, 2, RAPPORT_RFM_NEEDS_ATTENTION },
    { 6, 1, 1, 3, RAPPORT_RFM_LOST },
  };

  add_sales (fixture);
  g_assert_cmpint (rapport_analytics_get_rfm_scored_at (fixture->analytics, NULL), ==, 0);
  g_assert_true (rapport_analytics_refresh_rfm (fixture->analytics, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_analytics_get_rfm_scored_at (fixture->analytics, NULL), ==,
                   rapport_database_now (fixture->store->db));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_true (rapport_analytics_get_client_score (fixture->analytics, expected[i].client, &score, &error));
      g_assert_cmpint (score.recency, ==, expected[i].r);
      g_assert_cmpint (score.frequency, ==, expected[i].f);
      g_assert_cmpint (score.monetary, ==, expected[i].m);
      g_assert_cmpint (score.segment, ==, expected[i].segment);
    }
  /* C5 only lost a quote: no score, and no error. */
  g_assert_false (rapport_analytics_get_client_score (fixture->analytics, 5, &score, &error));
  g_assert_no_error (error);

  report = run_report (fixture, query, RAPPORT_ANALYTICS_RFM);
  g_assert_cmpuint (report->rfm->len, ==, RAPPORT_RFM_N_SEGMENTS);
  row = g_ptr_array_index (report->rfm, RAPPORT_RFM_CHAMPIONS);
  g_assert_cmpuint (row->clients, ==, 2);
  g_assert_cmpint (row->revenue, ==, 24000);
  row = g_ptr_array_index (report->rfm, RAPPORT_RFM_LOST);
  g_assert_cmpuint (row->clients, ==, 1);
  g_assert_cmpint (row->revenue, ==, 6000);
  row = g_ptr_array_index (report->rfm, RAPPORT_RFM_LOYAL);
  g_assert_cmpuint (row->clients, ==, 0);

  champions = rapport_analytics_list_segment (fixture->analytics, RAPPORT_RFM_CHAMPIONS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (champions->len, ==, 2);
  g_assert_cmpint (g_array_index (champions, gint64, 0), ==, 1);
  g_assert_cmpint (g_array_index (champions, gint64, 1), ==, 2);

  /* A day later, nothing changed: no row is written again, and the card
   * reads when the scores were computed. */
  {
    gint64 first_time = rapport_database_now (fixture->store->db);
    g_autoptr(RapportClock) later = rapport_clock_new_fixed (first_time + 86400);
    g_autofree char *unchanged = g_strdup_printf ("SELECT count(*) FROM client_scores WHERE scored_at <> %"
                                                  G_GINT64_FORMAT, first_time);
    g_autofree char *refreshed = NULL;
    g_autofree char *fresh = NULL;
    const char *rows = "SELECT group_concat(client_id || ':' || coalesce(recency, '-') || coalesce(frequency, '-')"
                       " || coalesce(monetary, '-') || coalesce(segment, '-') || ':' || visits || ':'"
                       " || coalesce(usual_interval, '-') || ':' || last_day, ' ')"
                       " FROM (SELECT * FROM client_scores ORDER BY client_id)";

    rapport_database_set_clock (fixture->store->db, later);
    g_assert_true (rapport_analytics_refresh_rfm (fixture->analytics, &error));
    g_assert_no_error (error);
    g_assert_cmpint (rapport_test_query_int (fixture->path, unchanged), ==, 0);
    g_assert_true (rapport_analytics_get_client_score (fixture->analytics, 1, &score, &error));
    g_assert_cmpint (score.scored_at, ==, first_time + 86400);

    /* A row the file holds wrong is written again, and only that one. */
    sql (fixture, "UPDATE client_scores SET segment = 'whales', last_day = 'garbage', recency = NULL"
                  " WHERE client_id = 2;");
    g_assert_true (rapport_analytics_refresh_rfm (fixture->analytics, &error));
    g_assert_no_error (error);
    g_assert_cmpint (rapport_test_query_int (fixture->path, unchanged), ==, 1);

    /* Three rows of five wrong: the table is written again whole, and the
     * two right ones keep the moment they last changed. */
    sql (fixture, "UPDATE client_scores SET visits = 99 WHERE client_id IN (1, 3, 4);");
    g_assert_true (rapport_analytics_refresh_rfm (fixture->analytics, &error));
    g_assert_no_error (error);
    g_assert_cmpint (rapport_test_query_int (fixture->path, unchanged), ==, 4);
    g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(*) FROM client_scores"), ==, 5);
    g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT max(visits) FROM client_scores"), <, 99);

    /* A client who bought again, one whose only sale is gone: the rows
     * are what they would be from none. */
    sql (fixture, "DELETE FROM order_lines WHERE order_id = 9; DELETE FROM orders WHERE id = 9;");
    add_order (fixture, 20, 6, 1, "2026-04-29", "closed", 500, NULL);
    g_assert_true (rapport_analytics_refresh_rfm (fixture->analytics, &error));
    g_assert_no_error (error);
    g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(*) FROM client_scores WHERE client_id = 3"),
                     ==, 0);
    refreshed = rapport_test_query_text (fixture->path, rows);
    sql (fixture, "DELETE FROM client_scores;");
    g_assert_true (rapport_analytics_refresh_rfm (fixture->analytics, &error));
    g_assert_no_error (error);
    fresh = rapport_test_query_text (fixture->path, rows);
    g_assert_cmpstr (refreshed, ==, fresh);
    g_assert_nonnull (strstr (fresh, "2:"));
    g_assert_null (strstr (fresh, "whales"));
  }
}

static void
add_visits (Fixture    *fixture,
            int         client,
            const char *days)
{
  g_auto(GStrv) list = g_strsplit (days, " ", -1);

  for (guint i = 0; list[i] != NULL; i++)
    {
      int year, month, day, hour = 10, minute = 0;

      g_assert_cmpint (sscanf (list[i], "%d-%d-%dT%d:%d", &year, &month, &day, &hour, &minute), >=, 3);
      sql (fixture,
           "INSERT INTO interactions (client_id, kind, occurred_at, created_at) VALUES (%d, 'visit', %"
           G_GINT64_FORMAT ", 0);", client, local_moment (year, month, day, hour, minute));
    }
}

/* Regulars (as of 30 April):
 *   Ró  (7) visits every 14 days to 12 February: 77 days away ≥ 28
 *   Ema (8) visits 1, 15 and 29 March, the last at 00:30 on the night
 *       summer time starts (23:30 UTC on the 28th, still the 29th here),
 *       and an order of 9.00 on the 15th: 32 days away ≥ 28
 *   Ida (9) visits 2, 16 and 23 April: gaps 14 and 7, usual 7 (the
 *       lower middle); 7 days away < 14
 *   C1 ordered on two days only: not a regular. */
static void
add_regulars (Fixture *fixture)
{
  add_visits (fixture, 7, "2026-01-01 2026-01-15 2026-01-29 2026-02-12");
  add_visits (fixture, 8, "2026-03-01 2026-03-15 2026-03-29T00:30");
  add_visits (fixture, 9, "2026-04-02 2026-04-16 2026-04-23");
  add_order (fixture, 12, 8, 1, "2026-03-15", "closed", 900, NULL);
  add_order (fixture, 1, 1, 1, "2026-03-02", "closed", 10000, NULL);
  add_order (fixture, 3, 1, 1, "2026-04-10", "closed", 8000, NULL);
}

static char *
audience (Fixture    *fixture,
          const char *rule_text)
{
  g_autoptr(RapportSegmentRepository) segments = rapport_segment_repository_new (fixture->store->db);
  g_autoptr(RapportSegment) segment = rapport_segment_new ("Win back");
  g_autoptr(GPtrArray) reached = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);
  RapportSegmentRule *rule = rapport_segment_rule_parse (rule_text, &error);

  g_assert_no_error (error);
  rapport_segment_add_rule (segment, rule);
  reached = rapport_segment_repository_list_audience (segments, segment, RAPPORT_CHANNEL_PHONE, 0, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < reached->len; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            ((RapportRecipient *) g_ptr_array_index (reached, i))->client_id);
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* The list as a campaign segment and as reminders, as of the clock's
 * 1 May: Ema due on 26 April (29 March + 2 × 14), Ró on 12 March. */
static void
assert_win_backs (Fixture *fixture)
{
  g_autoptr(RapportReminderSource) source = rapport_slipping_away_source_new (fixture->store->db);
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_reminder_unref);
  g_autoptr(GPtrArray) after_done = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_reminder_unref);
  g_autoptr(RapportReminder) looked = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *slipping = NULL;
  g_autofree char *loyal = NULL;
  RapportReminderRange range = { NULL, "2026-05-01", 0, FALSE };
  RapportReminder *first;
  guint n = 0;

  /* A campaign by phone: everyone has one. */
  for (int client = 1; client <= 9; client++)
    sql (fixture, "INSERT INTO client_phones (client_id, position, number, match_key)"
         " VALUES (%d, 0, '+48 600 000 00%d', '4860000000%d');", client, client, client);
  slipping = audience (fixture, "slipping-away");
  loyal = audience (fixture, "rfm-segment=loyal");
  g_assert_cmpstr (slipping, ==, "7,8");
  /* Two buyers: C1 scores 3, 3, 3 (loyal), Ema 1, 1, 1 (lost). */
  g_assert_cmpstr (loyal, ==, "1");

  g_assert_true (rapport_reminder_source_collect (source, &range, due, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 2);
  first = g_ptr_array_index (due, 0);
  g_assert_cmpint (first->client_id, ==, 7);
  g_assert_cmpstr (first->due_on, ==, "2026-03-12");
  g_assert_cmpstr (first->title, ==, "Regular Ró is overdue for a visit");
  /* Visits every 14 days, the last on 12 February: told as figures, for
   * the reader's digits and calendar, not as text. */
  g_assert_cmpint (first->usual_interval, ==, 14);
  g_assert_cmpstr (first->last_on, ==, "2026-02-12");
  g_assert_cmpstr (first->detail, ==, "");
  g_assert_cmpstr (first->open_kind, ==, RAPPORT_REMINDER_OPEN_CLIENT);
  g_assert_cmpstr (((RapportReminder *) g_ptr_array_index (due, 1))->due_on, ==, "2026-04-26");
  g_assert_true (rapport_reminder_source_count (source, "2026-04-01", "2026-04-30", &n, &error));
  g_assert_cmpuint (n, ==, 1);

  /* Called: done for this absence. */
  g_assert_true (rapport_reminder_source_set_done (source, 7, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_reminder_source_collect (source, &range, after_done, &error));
  g_assert_cmpuint (after_done->len, ==, 1);
  looked = rapport_reminder_source_lookup (source, 7, &error);
  g_assert_no_error (error);
  g_assert_true (looked->done);
  g_assert_true (rapport_reminder_source_set_done (source, 7, FALSE, &error));
  g_assert_null (rapport_reminder_source_lookup (source, 1, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
}

static void
test_at_risk (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(RapportAnalyticsQuery) query = rapport_analytics_query_new ("2026-04-01", "2026-04-30",
                                                                        RAPPORT_ANALYTICS_BY_DAY);
  g_autoptr(RapportAnalyticsReport) report = NULL;
  g_autoptr(RapportAnalyticsReport) later = NULL;
  g_autoptr(GError) error = NULL;
  RapportAtRiskClient *client;

  add_regulars (fixture);
  g_assert_true (rapport_analytics_refresh_rfm (fixture->analytics, &error));
  g_assert_no_error (error);

  report = run_report (fixture, query, RAPPORT_ANALYTICS_AT_RISK);
  g_assert_cmpuint (report->at_risk->len, ==, 2);
  /* Most valuable first: Ema bought, Ró did not. */
  client = g_ptr_array_index (report->at_risk, 0);
  g_assert_cmpint (client->client_id, ==, 8);
  g_assert_cmpstr (client->name, ==, "Regular Ema");
  g_assert_cmpint (client->usual_interval_days, ==, 14);
  g_assert_cmpstr (client->last_day, ==, "2026-03-29");
  g_assert_cmpint (client->days_away, ==, 32);
  g_assert_cmpuint (client->visits, ==, 3);
  g_assert_cmpint (client->revenue, ==, 900);
  client = g_ptr_array_index (report->at_risk, 1);
  g_assert_cmpint (client->client_id, ==, 7);
  g_assert_cmpint (client->usual_interval_days, ==, 14);
  g_assert_cmpint (client->days_away, ==, 77);

  g_assert_cmpuint (report->at_risk_total, ==, 2);

  assert_win_backs (fixture);

  /* Ró's order of January, entered late: her last day stays, she is
   * still away, and now the most valuable. */
  add_order (fixture, 14, 7, 1, "2026-01-10", "closed", 5000, NULL);
  g_clear_pointer (&report, rapport_analytics_report_unref);
  report = run_report (fixture, query, RAPPORT_ANALYTICS_AT_RISK);
  g_assert_cmpuint (report->at_risk_total, ==, 2);
  g_assert_cmpint (((RapportAtRiskClient *) g_ptr_array_index (report->at_risk, 0))->client_id, ==, 7);
  g_assert_cmpint (((RapportAtRiskClient *) g_ptr_array_index (report->at_risk, 0))->revenue, ==, 5000);

  /* Ema orders again on 20 April: she is back at once, before the
   * scores are computed again. */
  add_order (fixture, 13, 8, 1, "2026-04-20", "closed", 500, NULL);
  later = run_report (fixture, query, RAPPORT_ANALYTICS_AT_RISK);
  g_assert_cmpuint (later->at_risk->len, ==, 1);
  g_assert_cmpuint (later->at_risk_total, ==, 1);
  client = g_ptr_array_index (later->at_risk, 0);
  g_assert_cmpint (client->client_id, ==, 7);

  /* An archived client is not on the list, and is again once back. */
  sql (fixture, "UPDATE clients SET archived_at = 1 WHERE id = 7;");
  g_clear_pointer (&later, rapport_analytics_report_unref);
  later = run_report (fixture, query, RAPPORT_ANALYTICS_AT_RISK);
  g_assert_cmpuint (later->at_risk->len, ==, 0);
  g_assert_cmpuint (later->at_risk_total, ==, 0);
  sql (fixture, "UPDATE clients SET archived_at = NULL WHERE id = 7;");
  g_clear_pointer (&later, rapport_analytics_report_unref);
  later = run_report (fixture, query, RAPPORT_ANALYTICS_AT_RISK);
  g_assert_cmpuint (later->at_risk_total, ==, 1);
  g_assert_true (rapport_analytics_check_summaries (fixture->analytics, &error));
  g_assert_no_error (error);
}

/* A window's refresh computes on the reader and writes in short chunks
 * afterwards: a save asked just after it starts is written first, where
 * it used to wait behind the whole refresh on the write worker. */
typedef struct
{
  guint order;
  guint saved_at, refreshed_at;
} Arrivals;

static void
on_archived (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Arrivals *arrivals = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_client_repository_save_finish (RAPPORT_CLIENT_REPOSITORY (source), result, &error));
  g_assert_no_error (error);
  arrivals->saved_at = ++arrivals->order;
}

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Arrivals *arrivals = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_analytics_refresh_rfm_finish (RAPPORT_ANALYTICS (source), result, &error));
  g_assert_no_error (error);
  arrivals->refreshed_at = ++arrivals->order;
}

static void
test_rfm_async_lets_saves_through (Fixture       *fixture,
                                   gconstpointer  data)
{
  Arrivals arrivals = { 0 };
  g_autoptr(GError) error = NULL;

  add_regulars (fixture);
  rapport_analytics_refresh_rfm_async (fixture->analytics, NULL, on_refreshed, &arrivals);
  rapport_client_repository_set_archived_async (fixture->store->clients, 9, TRUE, NULL, on_archived, &arrivals);
  while (arrivals.refreshed_at == 0 || arrivals.saved_at == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (arrivals.saved_at, ==, 1);
  g_assert_cmpuint (arrivals.refreshed_at, ==, 2);

  /* What it stored is what the refresh on the calling thread stores. */
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(*) FROM client_scores"), ==, 4);
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT usual_interval FROM client_scores"
                                          " WHERE client_id = 8"), ==, 14);
  g_assert_cmpint (rapport_analytics_get_rfm_scored_at (fixture->analytics, &error), >, 0);
  g_assert_true (rapport_analytics_check_summaries (fixture->analytics, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_analytics_refresh_rfm (fixture->analytics, &error));
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(*) FROM client_scores"), ==, 4);
}

/* Seeded random moments of the funnel (quotes, confirmations, payments,
 * deliveries, lost reasons) and interactions with follow-ups, written,
 * edited and deleted, after the orders of @n_orders ids. */
static void
add_funnel_writes (Fixture *fixture,
                   GRand   *rand,
                   int      n_orders)
{
  g_autoptr(GString) script = g_string_new ("BEGIN;");
  gint64 base = local_moment (2026, 1, 1, 9, 0);

  for (int op = 0; op < 200; op++)
    {
      int order = g_rand_int_range (rand, 1, MAX (n_orders, 2));
      int staff = g_rand_int_range (rand, 0, 3);
      /* Up to four days apart, to the second: hour and day buckets. */
      gint64 at = base + g_rand_int_range (rand, 0, 180) * 86400 + g_rand_int_range (rand, 0, 4 * 86400);
      g_autofree char *due = g_strdup_printf ("2026-%02d-%02d", g_rand_int_range (rand, 1, 7),
                                              g_rand_int_range (rand, 1, 29));
      g_autofree char *done = g_rand_boolean (rand) ? g_strdup ("NULL") : g_strdup_printf ("%" G_GINT64_FORMAT, at);

      switch (g_rand_int_range (rand, 0, 10))
        {
        case 8:
          g_string_append_printf (script,
                                  "INSERT INTO client_addresses (client_id, position, locality, region)"
                                  " VALUES (%d, %d, '%s', '%s');",
                                  g_rand_int_range (rand, 1, 10), g_rand_int_range (rand, 0, 3),
                                  g_rand_boolean (rand) ? "Radom" : "Gdańsk", g_rand_boolean (rand) ? "Mazowieckie" : "");
          break;
        case 9:
          g_string_append_printf (script,
                                  "UPDATE client_addresses SET position = position - 2, client_id = %d"
                                  " WHERE id = (SELECT max(id) FROM client_addresses);"
                                  "DELETE FROM client_addresses WHERE id = (SELECT min(id) FROM client_addresses)"
                                  " AND %d;",
                                  g_rand_int_range (rand, 1, 10), g_rand_boolean (rand));
          break;
        case 0:
        case 1:
          /* A quote, and its confirmation up to three days later. */
          g_string_append_printf (script,
                                  "INSERT INTO order_status_changes (order_id, status, changed_at) SELECT id, 'quoted',"
                                  " %" G_GINT64_FORMAT " FROM orders WHERE id = %d;"
                                  "INSERT INTO order_status_changes (order_id, status, changed_at) SELECT id,"
                                  " 'confirmed', %" G_GINT64_FORMAT " FROM orders WHERE id = %d AND %d;",
                                  at, order, at + g_rand_int_range (rand, 0, 3 * 86400), order, g_rand_boolean (rand));
          break;
        case 2:
          g_string_append_printf (script,
                                  "INSERT INTO payments (order_id, paid_on, amount, method, created_at)"
                                  " SELECT id, ordered_on, max(total - paid, 1), 'cash', %" G_GINT64_FORMAT
                                  " FROM orders WHERE id = %d;"
                                  "UPDATE orders SET lost_reason_id = 1 WHERE id = %d AND status = 'lost';",
                                  at, order, order);
          break;
        case 3:
          g_string_append_printf (script,
                                  "INSERT INTO deliveries (order_id, client_id, carrier_id, planned_on, status,"
                                  " created_at, updated_at) SELECT id, client_id, (SELECT min(id) FROM carriers),"
                                  " ordered_on, 'delivered', 0, 0 FROM orders WHERE id = %d;"
                                  "INSERT INTO delivery_status_changes (delivery_id, status, changed_at)"
                                  " SELECT max(id), 'delivered', %" G_GINT64_FORMAT " FROM deliveries"
                                  " WHERE order_id = %d HAVING max(id) IS NOT NULL;",
                                  order, at, order);
          break;
        case 4:
        case 5:
          g_string_append_printf (script,
                                  "INSERT INTO interactions (client_id, kind, occurred_at, staff_id, follow_up_on,"
                                  " follow_up_done_at, created_at) VALUES (%d, 'call', %" G_GINT64_FORMAT ", %s,"
                                  " '%s', %s, 0);",
                                  g_rand_int_range (rand, 1, 10), at, staff ? (staff == 1 ? "1" : "2") : "NULL",
                                  due, done);
          break;
        case 6:
          g_string_append_printf (script,
                                  "UPDATE interactions SET follow_up_done_at = %" G_GINT64_FORMAT ","
                                  " occurred_at = occurred_at + 3600 * %d, staff_id = %s"
                                  " WHERE id = (SELECT max(id) FROM interactions);",
                                  at, g_rand_int_range (rand, -30, 30), staff ? (staff == 1 ? "1" : "2") : "NULL");
          break;
        default:
          g_string_append_printf (script,
                                  "DELETE FROM interactions WHERE id = (SELECT min(id) FROM interactions);"
                                  "DELETE FROM payments WHERE id = (SELECT max(id) FROM payments WHERE order_id = %d);",
                                  order);
          break;
        }
    }
  g_string_append (script, "COMMIT;");
  rapport_test_run_sql (fixture->path, script->str);
}

/* Seeded random writes of lines of catalog items 1 and 2 (added, moved to
 * another order, given another item or amount, removed), of payments and
 * of the orders that have them (status, staff, client, day, deleted). */
static void
add_item_writes (Fixture *fixture,
                 GRand   *rand,
                 int      n_orders)
{
  g_autoptr(GString) script = g_string_new ("BEGIN;");
  static const char * const statuses[] = { "draft", "quoted", "confirmed", "fulfilled", "closed", "lost", "cancelled" };

  for (int op = 0; op < 300; op++)
    {
      int order = g_rand_int_range (rand, 1, MAX (n_orders, 2));
      int other = g_rand_int_range (rand, 1, MAX (n_orders, 2));
      int item = g_rand_int_range (rand, 1, 3), staff = g_rand_int_range (rand, 0, 3);
      gint64 amount = g_rand_int_range (rand, 1, 100000);
      g_autofree char *day = g_strdup_printf ("2026-%02d-%02d", g_rand_int_range (rand, 1, 7),
                                              g_rand_int_range (rand, 1, 29));

      switch (g_rand_int_range (rand, 0, 10))
        {
        case 0:
        case 1:
          g_string_append_printf (script,
                                  "INSERT INTO order_lines (order_id, position, catalog_item_id, kind, name, quantity,"
                                  " unit_price, net, tax, gross) SELECT %d, 5, %d, '%s', 'Item', 1000,"
                                  " %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 0, %" G_GINT64_FORMAT
                                  " WHERE EXISTS (SELECT 1 FROM orders WHERE id = %d);",
                                  order, item, g_rand_boolean (rand) ? "service" : "product", amount, amount, amount,
                                  order);
          break;
        case 2:
          g_string_append_printf (script, "UPDATE order_lines SET order_id = %d WHERE id = (SELECT max(id)"
                                  " FROM order_lines WHERE order_id = %d) AND EXISTS (SELECT 1 FROM orders"
                                  " WHERE id = %d);", other, order, other);
          break;
        case 3:
          g_string_append_printf (script, "UPDATE order_lines SET catalog_item_id = %s, net = net + %d,"
                                  " gross = gross + %d WHERE id = (SELECT min(id) FROM order_lines"
                                  " WHERE order_id = %d);",
                                  g_rand_boolean (rand) ? "NULL" : (item == 1 ? "1" : "2"),
                                  staff, staff, order);
          break;
        case 4:
          g_string_append_printf (script, "DELETE FROM order_lines WHERE id = (SELECT max(id) FROM order_lines"
                                  " WHERE order_id = %d AND catalog_item_id IS NOT NULL);", order);
          break;
        case 5:
          g_string_append_printf (script,
                                  "INSERT INTO payments (order_id, paid_on, amount, method, created_at)"
                                  " SELECT %d, '%s', %" G_GINT64_FORMAT ", 'card', 0 WHERE EXISTS"
                                  " (SELECT 1 FROM orders WHERE id = %d);",
                                  order, day, g_rand_boolean (rand) ? amount : -amount, order);
          break;
        case 6:
          g_string_append_printf (script, "UPDATE payments SET amount = -amount, paid_on = '%s', order_id = %d"
                                  " WHERE id = (SELECT max(id) FROM payments WHERE order_id = %d)"
                                  " AND EXISTS (SELECT 1 FROM orders WHERE id = %d);", day, other, order, other);
          break;
        case 7:
          g_string_append_printf (script, "DELETE FROM payments WHERE id = (SELECT min(id) FROM payments"
                                  " WHERE order_id = %d);", order);
          break;
        case 8:
          g_string_append_printf (script, "UPDATE orders SET status = '%s', staff_id = %s WHERE id = %d;",
                                  statuses[g_rand_int_range (rand, 0, 7)],
                                  staff ? (staff == 1 ? "1" : "2") : "NULL", order);
          break;
        default:
          g_string_append_printf (script, "UPDATE orders SET client_id = %d, ordered_on = '%s' WHERE id = %d;"
                                  "DELETE FROM order_lines WHERE order_id = %d AND %d %% 4 = 0 AND NOT EXISTS"
                                  " (SELECT 1 FROM payments WHERE order_id = %d);"
                                  "DELETE FROM orders WHERE id = %d AND %d %% 4 = 0 AND NOT EXISTS"
                                  " (SELECT 1 FROM payments WHERE order_id = %d);",
                                  g_rand_int_range (rand, 1, 10), day, order, order, op, order, order, op, order);
          break;
        }
    }
  g_string_append (script, "COMMIT;");
  rapport_test_run_sql (fixture->path, script->str);
}

/* Seeded random writes of the clients' groups (step 0020): tags given,
 * taken, renamed and deleted; addresses added, moved to another client,
 * given another city or region (in another case) and removed; a client's
 * orders merged into another's, and a client deleted; with orders and
 * payments written meanwhile. */
static void
add_group_writes (Fixture *fixture,
                  GRand   *rand,
                  int      n_orders)
{
  g_autoptr(GString) script = g_string_new ("BEGIN;"
                                            "INSERT OR IGNORE INTO tags (id, name) VALUES (1, 'vip'), (2, 'new'), (3, 'gone');");
  static const char * const places[] = { "Radom", "RADOM", "Gdańsk", "Mazowieckie", "mazowieckie", "" };
  static const char * const statuses[] = { "draft", "quoted", "confirmed", "fulfilled", "closed", "lost", "cancelled" };

  for (int op = 0; op < 300; op++)
    {
      int client = g_rand_int_range (rand, 1, 10), other = g_rand_int_range (rand, 1, 10);
      int tag = g_rand_int_range (rand, 1, 4), order = g_rand_int_range (rand, 1, MAX (n_orders, 2));
      const char *locality = places[g_rand_int_range (rand, 0, G_N_ELEMENTS (places))];
      const char *region = places[g_rand_int_range (rand, 0, G_N_ELEMENTS (places))];
      g_autofree char *day = g_strdup_printf ("2026-%02d-%02d", g_rand_int_range (rand, 1, 7),
                                              g_rand_int_range (rand, 1, 29));

      switch (g_rand_int_range (rand, 0, 13))
        {
        case 12:
          /* A new order of a client in groups, with a line and a payment. */
          g_string_append_printf (script,
                                  "INSERT INTO orders (number, client_id, staff_id, ordered_on, status,"
                                  " payment_due_on, currency, prices_include_tax, created_at, updated_at)"
                                  " VALUES ('G-%d', %d, %s, '%s', '%s', '%s', 'EUR', 1, 0, 0);"
                                  "INSERT INTO order_lines (order_id, position, kind, name, quantity, unit_price,"
                                  " net, tax, gross) SELECT max(id), 0, 'service', 'Cut', 1000, 1100, 1100, 0, 1100"
                                  " FROM orders;"
                                  "INSERT INTO payments (order_id, paid_on, amount, method, created_at)"
                                  " SELECT max(id), '%s', 400, 'card', 0 FROM orders;"
                                  /* and a call, its follow-up due that day:
                                   * open, or done up to a day after. */
                                  "INSERT INTO interactions (client_id, kind, occurred_at, staff_id, follow_up_on,"
                                  " follow_up_done_at, created_at) VALUES (%d, 'call', unixepoch('%s') + %d, %s,"
                                  " '%s', CASE WHEN %d %% 3 THEN unixepoch('%s') + %d END, 0);",
                                  op, client, g_rand_boolean (rand) ? "1" : "NULL", day,
                                  statuses[g_rand_int_range (rand, 0, 7)], day, day,
                                  client, day, op * 331, op % 2 ? "1" : "NULL", day, op, day, op * 577);
          /* And a sale of two lines (step 0023): one removed, and every
           * other time the order deleted, then the other. */
          g_string_append_printf (script,
                                  "INSERT INTO orders (number, client_id, ordered_on, status, payment_due_on, currency,"
                                  " prices_include_tax, created_at, updated_at)"
                                  " VALUES ('H-%d', %d, '%s', 'confirmed', '%s', 'EUR', 1, 0, 0);"
                                  "INSERT INTO order_lines (order_id, position, kind, name, quantity, unit_price,"
                                  " net, tax, gross) SELECT max(id), 0, 'service', 'Cut', 1000, 300, 300, 0, 300"
                                  " FROM orders;"
                                  "INSERT INTO order_lines (order_id, position, catalog_item_id, kind, name, quantity,"
                                  " unit_price, net, tax, gross) SELECT max(id), 1, 1, 'product', 'One', 1000, 200,"
                                  " 200, 0, 200 FROM orders;"
                                  "DELETE FROM order_lines WHERE id = (SELECT min(id) FROM order_lines"
                                  " WHERE order_id = (SELECT max(id) FROM orders));"
                                  "DELETE FROM orders WHERE id = (SELECT max(id) FROM orders) AND %d %% 2 = 0;"
                                  /* its lines after it, as the foreign key does */
                                  "DELETE FROM order_lines WHERE order_id NOT IN (SELECT id FROM orders);",
                                  op, client, day, day, op);
          break;
        case 0:
        case 1:
          g_string_append_printf (script, "INSERT OR IGNORE INTO tags (id, name) VALUES (%d, 'tag %d');"
                                  "INSERT OR IGNORE INTO client_tags (client_id, tag_id, position) VALUES (%d, %d, 0);",
                                  tag, tag, client, tag);
          break;
        case 2:
          g_string_append_printf (script, "DELETE FROM client_tags WHERE client_id = %d AND tag_id = %d;", client, tag);
          break;
        case 3:
          /* Renamed, or deleted with its clients' links (and made again). */
          g_string_append_printf (script, "UPDATE tags SET name = name || '+' WHERE id = 3 AND %d;"
                                  "DELETE FROM tags WHERE id = 3 AND %d %% 3 = 0;",
                                  g_rand_boolean (rand), op);
          break;
        case 4:
        case 5:
          g_string_append_printf (script, "INSERT INTO client_addresses (client_id, position, locality, region)"
                                  " VALUES (%d, %d, '%s', '%s');", client, op, locality, region);
          break;
        case 6:
          g_string_append_printf (script, "UPDATE client_addresses SET %s = '%s'"
                                  " WHERE id = (SELECT max(id) FROM client_addresses WHERE client_id = %d);",
                                  g_rand_boolean (rand) ? "locality" : "region", locality, client);
          break;
        case 7:
          g_string_append_printf (script, "UPDATE client_addresses SET client_id = %d, position = %d"
                                  " WHERE id = (SELECT min(id) FROM client_addresses WHERE client_id = %d);"
                                  "DELETE FROM client_addresses WHERE id = (SELECT max(id) FROM client_addresses"
                                  " WHERE client_id = %d) AND %d;",
                                  other, 1000 + op, client, other, g_rand_boolean (rand));
          break;
        case 8:
          /* A client of its own, tagged and placed, merged into another:
           * its orders go to the other, and it is deleted. */
          g_string_append_printf (script,
                                  "INSERT INTO clients (id, kind, display_name, created_at, updated_at, sort_key)"
                                  " VALUES (20, 'person', 'Merged', 0, 0, 'merged');"
                                  "INSERT INTO client_tags (client_id, tag_id, position) VALUES (20, %d, 0);"
                                  "INSERT INTO client_addresses (client_id, position, locality, region)"
                                  " VALUES (20, 0, '%s', '%s');"
                                  "UPDATE orders SET client_id = 20 WHERE client_id = %d;"
                                  "INSERT INTO payments (order_id, paid_on, amount, method, created_at)"
                                  " SELECT max(id), '%s', 700, 'card', 0 FROM orders WHERE client_id = 20"
                                  " HAVING max(id) IS NOT NULL;"
                                  "UPDATE orders SET client_id = %d WHERE client_id = 20;"
                                  "UPDATE interactions SET client_id = 20 WHERE client_id = %d;"
                                  "UPDATE interactions SET client_id = %d WHERE client_id = 20;"
                                  "DELETE FROM client_tags WHERE client_id = 20;"
                                  "DELETE FROM client_addresses WHERE client_id = 20;"
                                  "DELETE FROM clients WHERE id = 20;",
                                  tag, locality, region, client, day, other, client, other);
          break;
        case 9:
          g_string_append_printf (script, "UPDATE orders SET status = '%s', total = total + 5 WHERE id = %d;"
                                  "UPDATE interactions SET follow_up_done_at = unixepoch(follow_up_on) + %d,"
                                  " staff_id = %s WHERE id = (SELECT max(id) FROM interactions WHERE client_id = %d);",
                                  statuses[g_rand_int_range (rand, 0, 7)], order, op * 293, op % 2 ? "NULL" : "2",
                                  client);
          break;
        case 10:
          g_string_append_printf (script,
                                  "INSERT INTO payments (order_id, paid_on, amount, method, created_at)"
                                  " SELECT %d, '%s', %d, 'card', 0 WHERE EXISTS (SELECT 1 FROM orders WHERE id = %d);",
                                  order, day, g_rand_boolean (rand) ? 900 : -300, order);
          break;
        default:
          g_string_append_printf (script, "DELETE FROM client_tags WHERE client_id = %d;"
                                  "DELETE FROM client_addresses WHERE client_id = %d;", client, client);
          break;
        }
    }
  g_string_append (script, "COMMIT;");
  rapport_test_run_sql (fixture->path, script->str);
}

static int
compare_rows_by_id (gconstpointer a,
                    gconstpointer b)
{
  const RapportBreakdownRow *x = *(RapportBreakdownRow * const *) a;
  const RapportBreakdownRow *y = *(RapportBreakdownRow * const *) b;

  return x->id != y->id ? (x->id > y->id) - (x->id < y->id) : g_strcmp0 (x->label, y->label);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The sales by product of @figures (@period's under the clients that
 * @clients selects) are the lines of those clients' sales (step 0023):
 * for each item, or name of a line typed by hand, its sales counted once
 * each, and what the lines come to; and its sales by region are those
 * sales by their clients' regions. */
static void
assert_group_breakdowns_are_the_tables (Fixture                     *fixture,
                                      const RapportAnalyticsQuery *period,
                                      RapportAnalyticsReport      *figures,
                                      const char                  *clients)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *expected_sql = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;

  expected_sql = g_strdup_printf ("SELECT coalesce(group_concat(row, ' '), '') FROM (SELECT coalesce(l.catalog_item_id, 0)"
                                  " || '/' || CASE WHEN l.catalog_item_id IS NULL THEN l.name ELSE '' END"
                                  " || ':' || count(DISTINCT o.id) || ':' || sum(l.gross) AS row"
                                  " FROM orders o JOIN order_lines l ON l.order_id = o.id"
                                  " WHERE o.ordered_on BETWEEN '%s' AND '%s'"
                                  " AND o.status IN ('confirmed', 'fulfilled', 'closed')"
                                  " AND (%" G_GINT64_FORMAT " = 0 OR o.staff_id = %" G_GINT64_FORMAT ")"
                                  " AND o.client_id IN (%s) GROUP BY coalesce(l.catalog_item_id, 0),"
                                  " CASE WHEN l.catalog_item_id IS NULL THEN l.name ELSE '' END ORDER BY 1)",
                                  period->from_day, period->to_day, period->staff_id, period->staff_id, clients);
  expected = rapport_test_query_text (fixture->path, expected_sql);
  for (guint i = 0; i < figures->by_product->len; i++)
    {
      RapportBreakdownRow *row = g_ptr_array_index (figures->by_product, i);

      g_ptr_array_add (rows, g_strdup_printf ("%" G_GINT64_FORMAT "/%s:%u:%" G_GINT64_FORMAT, row->id,
                                              row->id == 0 ? row->label : "", row->orders, row->invoiced));
    }
  g_ptr_array_sort (rows, compare_strings);
  g_ptr_array_add (rows, NULL);
  actual = g_strjoinv (" ", (char **) rows->pdata);
  g_assert_cmpstr (actual, ==, expected);

  /* And by region (the clients' regions as step 0013 keeps them). */
  g_clear_pointer (&expected_sql, g_free);
  g_clear_pointer (&expected, g_free);
  g_clear_pointer (&actual, g_free);
  g_ptr_array_set_size (rows, 0);
  expected_sql = g_strdup_printf ("SELECT coalesce(group_concat(row, ' '), '') FROM (SELECT coalesce(r.region, '')"
                                  " || ':' || count(*) || ':' || sum(o.total) AS row"
                                  " FROM orders o LEFT JOIN client_regions r ON r.client_id = o.client_id"
                                  " WHERE o.ordered_on BETWEEN '%s' AND '%s'"
                                  " AND o.status IN ('confirmed', 'fulfilled', 'closed')"
                                  " AND (%" G_GINT64_FORMAT " = 0 OR o.staff_id = %" G_GINT64_FORMAT ")"
                                  " AND o.client_id IN (%s) GROUP BY coalesce(r.region, '') ORDER BY 1)",
                                  period->from_day, period->to_day, period->staff_id, period->staff_id, clients);
  expected = rapport_test_query_text (fixture->path, expected_sql);
  for (guint i = 0; i < figures->by_region->len; i++)
    {
      RapportBreakdownRow *row = g_ptr_array_index (figures->by_region, i);

      g_ptr_array_add (rows, g_strdup_printf ("%s:%u:%" G_GINT64_FORMAT, row->label, row->orders, row->invoiced));
    }
  g_ptr_array_sort (rows, compare_strings);
  g_ptr_array_add (rows, NULL);
  actual = g_strjoinv (" ", (char **) rows->pdata);
  g_assert_cmpstr (actual, ==, expected);
}

/* Orders of clients in groups that owe, written as a window never writes
 * them but another program may: one taken already owing (its total given,
 * no lines), and one deleted while it owes. */
static void
add_owing_writes (Fixture *fixture)
{
  rapport_test_run_sql (fixture->path,
                        "INSERT INTO orders (number, client_id, staff_id, ordered_on, status, payment_due_on,"
                        " currency, prices_include_tax, total, created_at, updated_at)"
                        " SELECT 'OWE-' || n, client_id, 1, '2026-02-02', 'confirmed', '2026-02-16', 'EUR', 1, 4200, 0, 0"
                        " FROM (SELECT 1 AS n, min(client_id) AS client_id FROM client_groups"
                        " UNION ALL SELECT 2, max(client_id) FROM client_groups);"
                        "DELETE FROM orders WHERE number = 'OWE-2';");
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(*) FROM group_owed WHERE order_id ="
                                                          " (SELECT id FROM orders WHERE number = 'OWE-1')"), >, 0);
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(*) FROM group_owed"
                                                          " WHERE order_id NOT IN (SELECT id FROM orders)"), ==, 0);
}

/* The clients of @period's tag or place, as the tables say. */
static char *
group_clients_sql (RapportAnalyticsQuery *period)
{
  if (period->client_tag != NULL)
    return g_strdup_printf ("SELECT ct.client_id FROM client_tags ct JOIN tags t ON t.id = ct.tag_id"
                            " WHERE t.name = '%s'", period->client_tag);
  return g_strdup_printf ("SELECT client_id FROM client_addresses WHERE locality = '%s' COLLATE NOCASE"
                          " OR region = '%s' COLLATE NOCASE", period->place, period->place);
}

/* Under a tag or a place (and a member of staff or none), the page's sales
 * are the tables', and so are its sales by staff and by product. Returns what was
 * invoiced. */
static gint64
assert_group_figures_are_the_tables (Fixture               *fixture,
                                     RapportAnalyticsQuery *period)
{
  g_autoptr(RapportAnalyticsReport) figures = run_report (fixture, period, RAPPORT_ANALYTICS_SALES | RAPPORT_ANALYTICS_BREAKDOWNS);
  g_autoptr(RapportSales) tables = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *clients = group_clients_sql (period);
  g_autofree char *expected_sql = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GString) actual = g_string_new (NULL);
  gint64 invoiced = 0;

  tables = rapport_analytics_sales_from_orders (fixture->analytics, period, NULL, &error);
  g_assert_no_error (error);
  assert_same_sales (figures->sales, tables);

  /* Each member of staff's sales, in the order of their ids, as one text. */
  expected_sql = g_strdup_printf ("SELECT coalesce(group_concat(row, ' '), '') FROM (SELECT coalesce(staff_id, 0)"
                                  " || ':' || count(*) || ':' || sum(total) AS row FROM orders"
                                  " WHERE ordered_on BETWEEN '%s' AND '%s' AND status IN ('confirmed', 'fulfilled', 'closed')"
                                  " AND (%" G_GINT64_FORMAT " = 0 OR staff_id = %" G_GINT64_FORMAT ")"
                                  " AND client_id IN (%s) GROUP BY coalesce(staff_id, 0) ORDER BY 1)",
                                  period->from_day, period->to_day, period->staff_id, period->staff_id, clients);
  expected = rapport_test_query_text (fixture->path, expected_sql);
  g_ptr_array_sort (figures->by_staff, compare_rows_by_id);
  for (guint i = 0; i < figures->by_staff->len; i++)
    {
      RapportBreakdownRow *row = g_ptr_array_index (figures->by_staff, i);

      g_string_append_printf (actual, "%s%" G_GINT64_FORMAT ":%u:%" G_GINT64_FORMAT,
                              i > 0 ? " " : "", row->id, row->orders, row->invoiced);
      invoiced += row->invoiced;
    }
  g_assert_cmpstr (actual->str, ==, expected);
  g_assert_cmpint (invoiced, ==, figures->sales->invoiced);
  assert_group_breakdowns_are_the_tables (fixture, period, figures, clients);
  return invoiced;
}

/* Under a tag or a place (and a member of staff or none), the page's
 * funnel, won and lost, and staff figures, read from the group's rows
 * (step 0025), are those read from the orders and interactions: the same
 * clients under the same filter and a tag or a place every client has,
 * which no group's rows can say. The same under a catalog item, read from
 * the item's rows (step 0026), against the item and that tag. */
static void
assert_group_activity_is_the_tables (Fixture               *fixture,
                                     RapportAnalyticsQuery *period)
{
  g_autoptr(RapportAnalyticsQuery) everyone = rapport_analytics_query_copy (period);
  g_autoptr(RapportAnalyticsReport) figures = NULL;
  g_autoptr(RapportAnalyticsReport) tables = NULL;

  if (everyone->client_tag == NULL)
    everyone->client_tag = g_strdup ("everyone");
  else
    everyone->place = g_strdup ("Everywhere");
  figures = run_report (fixture, period, RAPPORT_ANALYTICS_FUNNEL | RAPPORT_ANALYTICS_STAFF);
  tables = run_report (fixture, everyone, RAPPORT_ANALYTICS_FUNNEL | RAPPORT_ANALYTICS_STAFF);
  assert_same_funnel (figures->funnel, tables->funnel);
  for (guint i = 0; i < figures->funnel->lost_reasons->len; i++)
    {
      RapportLostReasonRow *x = g_ptr_array_index (figures->funnel->lost_reasons, i);
      RapportLostReasonRow *y = g_ptr_array_index (tables->funnel->lost_reasons, i);

      g_assert_cmpint (x->reason_id, ==, y->reason_id);
      g_assert_cmpuint (x->count, ==, y->count);
      g_assert_cmpint (x->value, ==, y->value);
    }
  g_assert_cmpuint (figures->staff->len, ==, tables->staff->len);
  for (guint i = 0; i < figures->staff->len; i++)
    {
      RapportStaffRow *x = g_ptr_array_index (figures->staff, i), *y = g_ptr_array_index (tables->staff, i);

      g_assert_cmpint (x->staff_id, ==, y->staff_id);
      g_assert_cmpuint (x->orders, ==, y->orders);
      g_assert_cmpint (x->revenue, ==, y->revenue);
      g_assert_cmpuint (x->interactions, ==, y->interactions);
      g_assert_cmpuint (x->follow_ups_on_time, ==, y->follow_ups_on_time);
      g_assert_cmpuint (x->follow_ups_late, ==, y->follow_ups_late);
      g_assert_cmpuint (x->quotes_won, ==, y->quotes_won);
      g_assert_cmpuint (x->quotes_lost, ==, y->quotes_lost);
    }
}

static void
assert_same_breakdown (GPtrArray *a,
                       GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      RapportBreakdownRow *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);

      g_assert_cmpint (x->id, ==, y->id);
      g_assert_cmpstr (x->label, ==, y->label);
      g_assert_cmpuint (x->orders, ==, y->orders);
      g_assert_cmpint (x->invoiced, ==, y->invoiced);
    }
}

/* By product, the same items (and names) with the same orders and
 * amounts, whatever order each reader gives them in. */
static void
assert_same_products (GPtrArray *figures,
                      GPtrArray *tables)
{
  g_ptr_array_sort (figures, compare_rows_by_id);
  g_ptr_array_sort (tables, compare_rows_by_id);
  assert_same_breakdown (figures, tables);
}

/* Under a catalog item (and a member of staff or none), the sales and
 * the breakdowns read from the item's rows (steps 0018 and 0026) are
 * those read from the orders under the item and the tag every client
 * has; and so are the funnel and the staff figures. The same under a
 * member of staff alone, whose rows of the summaries of all orders are
 * sought a day at a time; there, by product, an order whose lines of one
 * item (or name) have two kinds, which these writes make, counts once
 * as in the tables (step 0027). */
static void
assert_page_is_the_tables (Fixture               *fixture,
                           RapportAnalyticsQuery *period)
{
  g_autoptr(RapportAnalyticsQuery) everyone = rapport_analytics_query_copy (period);
  g_autoptr(RapportAnalyticsReport) figures = NULL;
  g_autoptr(RapportAnalyticsReport) tables = NULL;

  everyone->client_tag = g_strdup ("everyone");
  figures = run_report (fixture, period, RAPPORT_ANALYTICS_SALES | RAPPORT_ANALYTICS_BREAKDOWNS);
  tables = run_report (fixture, everyone, RAPPORT_ANALYTICS_SALES | RAPPORT_ANALYTICS_BREAKDOWNS);
  assert_same_sales (figures->sales, tables->sales);
  assert_same_breakdown (figures->by_staff, tables->by_staff);
  assert_same_products (figures->by_product, tables->by_product);
  assert_same_breakdown (figures->by_region, tables->by_region);
  assert_same_breakdown (figures->by_campaign, tables->by_campaign);
  assert_group_activity_is_the_tables (fixture, period);
}

/* Seeded random writes, edits and deletes of orders, lines and payments,
 * then of the funnel's moments and of interactions; then the summaries
 * hold what the tables say. */
static void
test_summaries_follow_writes (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  g_autoptr(GString) script = g_string_new ("BEGIN;");
  g_autoptr(RapportAnalyticsQuery) query = rapport_analytics_query_new ("2026-01-01", "2026-06-30",
                                                                        RAPPORT_ANALYTICS_BY_WEEK);
  g_autoptr(RapportAnalyticsReport) report = NULL;
  g_autoptr(RapportSales) raw = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const statuses[] = { "draft", "quoted", "confirmed", "fulfilled", "closed", "lost", "cancelled" };
  static const char * const broken[] = {
    "UPDATE funnel_days SET amount = amount + 1 WHERE (day, staff_id, status, reason_id, quoted, confirmed, paid,"
    " delivered) = (SELECT day, staff_id, status, reason_id, quoted, confirmed, paid, delivered FROM funnel_days"
    " WHERE orders > 0 LIMIT 1);",
    "UPDATE funnel_times SET orders = orders + 1"
    " WHERE (day, staff_id, step, bucket) = (SELECT day, staff_id, step, bucket FROM funnel_times LIMIT 1);",
    "UPDATE interaction_days SET logged = logged + 1"
    " WHERE (day, staff_id) = (SELECT day, staff_id FROM interaction_days LIMIT 1);",
    "UPDATE follow_up_days SET open = open + 1"
    " WHERE (day, staff_id) = (SELECT day, staff_id FROM follow_up_days LIMIT 1);",
    "UPDATE follow_up_done_days SET done = done + 1"
    " WHERE (day, staff_id, quarter) = (SELECT day, staff_id, quarter FROM follow_up_done_days LIMIT 1);",
    "UPDATE client_regions SET region = 'Nowhere' WHERE client_id = (SELECT max(client_id) FROM client_regions);",
    "UPDATE client_payment_days SET refunded = refunded + 1"
    " WHERE (client_id, day, staff_id, status) = (SELECT client_id, day, staff_id, status FROM client_payment_days"
    " LIMIT 1);",
    /* The clients' first and last days. */
    "UPDATE client_days SET lasts = lasts + 1 WHERE day = (SELECT max(day) FROM client_days WHERE lasts > 0);",
    /* Each member of staff's clients. */
    "UPDATE staff_clients SET first_day = '2025-12-31'"
    " WHERE (staff_id, client_id) = (SELECT staff_id, client_id FROM staff_clients LIMIT 1);",
    /* The regulars' due days and values (step 0015). */
    "UPDATE client_scores SET value = value + 1 WHERE client_id = (SELECT max(client_id) FROM client_scores);",
  };
  g_autofree char *last_message = NULL;
  guint staff_new = 0, staff_returning = 0;
  int next_order = 1;

  /* Hundreds of reports, each against the tables: under the leak checker
   * a minute. Their code is what the other tests run there. */
  if (rapport_test_skip_bulk ())
    return;

  for (int op = 0; op < 400; op++)
    {
      int order = g_rand_int_range (rand, 1, MAX (next_order, 2));
      int client = g_rand_int_range (rand, 1, 10), staff = g_rand_int_range (rand, 0, 3);
      g_autofree char *day = g_strdup_printf ("2026-%02d-%02d", g_rand_int_range (rand, 1, 7),
                                              g_rand_int_range (rand, 1, 29));
      gint64 amount = g_rand_int_range (rand, 1, 100000);

      /* Halfway, the scores are computed: the writes after move the
       * regulars' due days and values. */
      if (op == 200)
        {
          g_string_append (script, "COMMIT;");
          rapport_test_run_sql (fixture->path, script->str);
          g_string_assign (script, "BEGIN;");
          g_assert_true (rapport_analytics_refresh_rfm (fixture->analytics, &error));
          g_assert_no_error (error);
        }

      switch (g_rand_int_range (rand, 0, 10))
        {
        case 0:
        case 1:
          g_string_append_printf (script,
                                  "INSERT INTO orders (id, number, client_id, staff_id, ordered_on, status,"
                                  " payment_due_on, currency, prices_include_tax, created_at, updated_at)"
                                  " VALUES (%d, 'R-%d', %d, %s, '%s', '%s', '%s', 'EUR', 1, 0, 0);",
                                  next_order, next_order, client, staff ? (staff == 1 ? "1" : "2") : "NULL",
                                  day, statuses[g_rand_int_range (rand, 0, 7)], day);
          next_order++;
          /* and a line */
          G_GNUC_FALLTHROUGH;
        case 2:
          g_string_append_printf (script,
                                  "INSERT INTO order_lines (order_id, position, kind, name, quantity, unit_price,"
                                  " net, tax, gross) SELECT %d, 0, '%s', '%s', 1000, %" G_GINT64_FORMAT
                                  ", %" G_GINT64_FORMAT ", 0, %" G_GINT64_FORMAT " WHERE EXISTS"
                                  " (SELECT 1 FROM orders WHERE id = %d);",
                                  order, g_rand_boolean (rand) ? "service" : "product",
                                  g_rand_boolean (rand) ? "Cut" : "Colour", amount, amount, amount, order);
          break;
        case 3:
          g_string_append_printf (script, "UPDATE orders SET status = '%s' WHERE id = %d;"
                                  "UPDATE clients SET archived_at = CASE WHEN archived_at IS NULL THEN 1 END"
                                  " WHERE id = %d;",
                                  statuses[g_rand_int_range (rand, 0, 7)], order, client);
          break;
        case 4:
          g_string_append_printf (script, "UPDATE orders SET staff_id = %s, client_id = %d, ordered_on = '%s'"
                                  " WHERE id = %d;", staff ? (staff == 1 ? "1" : "2") : "NULL", client, day, order);
          break;
        case 5:
        case 6:
          g_string_append_printf (script,
                                  "INSERT INTO payments (order_id, paid_on, amount, method, created_at)"
                                  " SELECT %d, '%s', %" G_GINT64_FORMAT ", 'card', 0 WHERE EXISTS"
                                  " (SELECT 1 FROM orders WHERE id = %d);",
                                  order, day, g_rand_boolean (rand) ? amount : -amount, order);
          break;
        case 7:
          g_string_append_printf (script, "UPDATE payments SET amount = amount * 2, paid_on = '%s'"
                                  " WHERE id = (SELECT max(id) FROM payments WHERE order_id = %d);", day, order);
          break;
        case 8:
          g_string_append_printf (script, "DELETE FROM payments WHERE id = (SELECT min(id) FROM payments"
                                  " WHERE order_id = %d);"
                                  "UPDATE order_lines SET net = net + 7, gross = gross + 7, name = '%s',"
                                  " kind = CASE WHEN %d %% 2 = 0 THEN kind WHEN kind = 'product' THEN 'service'"
                                  " ELSE 'product' END"
                                  " WHERE id = (SELECT min(id) FROM order_lines WHERE order_id = %d);",
                                  order, g_rand_boolean (rand) ? "Cut" : "Colour", op, order);
          break;
        default:
          g_string_append_printf (script, "DELETE FROM order_lines WHERE id = (SELECT max(id) FROM order_lines"
                                  " WHERE order_id = %d);"
                                  "DELETE FROM orders WHERE id = %d AND NOT EXISTS"
                                  " (SELECT 1 FROM payments WHERE order_id = %d) AND %d %% 3 = 0;",
                                  order, order, order, op);
          break;
        }
    }
  /* An order whose lines of a name have both kinds moved to another day
   * and member of staff, and another deleted, take their repeats (step
   * 0027) with them. */
  g_string_append (script, "UPDATE orders SET ordered_on = '2026-02-27', staff_id = NULL, status = 'closed'"
                   " WHERE id = (SELECT min(order_id) FROM order_line_kind_repeats);"
                   "DELETE FROM payments WHERE order_id = (SELECT max(order_id) FROM order_line_kind_repeats);"
                   "DELETE FROM orders WHERE id = (SELECT max(order_id) FROM order_line_kind_repeats);"
                   "COMMIT;");
  rapport_test_run_sql (fixture->path, script->str);
  add_funnel_writes (fixture, rand, next_order);
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(*) FROM orders"), >, 50);
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(*) FROM payments"), >, 50);

  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(*) FROM client_scores"
                                          " WHERE due_day IS NOT NULL"), >, 0);
  g_assert_true (rapport_analytics_check_summaries (fixture->analytics, &error));
  g_assert_no_error (error);
  report = run_report (fixture, query, RAPPORT_ANALYTICS_SALES);
  raw = rapport_analytics_sales_from_orders (fixture->analytics, query, NULL, &error);
  g_assert_no_error (error);
  assert_same_sales (report->sales, raw);
  g_assert_cmpint (report->sales->invoiced, !=, 0);
  /* Each month alone: clients bought before, in and after it. */
  for (int month = 1; month <= 6; month++)
    {
      g_autofree char *from = g_strdup_printf ("2026-%02d-01", month);
      g_autofree char *to = g_strdup_printf ("2026-%02d-28", month);
      g_autoptr(RapportAnalyticsQuery) period = rapport_analytics_query_new (from, to, RAPPORT_ANALYTICS_BY_DAY);
      g_autoptr(RapportAnalyticsReport) figures = run_report (fixture, period, RAPPORT_ANALYTICS_SALES);
      g_autoptr(RapportSales) tables = rapport_analytics_sales_from_orders (fixture->analytics, period, NULL, &error);

      g_assert_no_error (error);
      assert_same_sales (figures->sales, tables);
      /* And each member of staff's. */
      for (int staff = 1; staff <= 2; staff++)
        {
          g_autoptr(RapportAnalyticsReport) staff_figures = NULL;
          g_autoptr(RapportSales) staff_tables = NULL;

          period->staff_id = staff;
          staff_figures = run_report (fixture, period, RAPPORT_ANALYTICS_SALES);
          staff_tables = rapport_analytics_sales_from_orders (fixture->analytics, period, NULL, &error);
          g_assert_no_error (error);
          assert_same_sales (staff_figures->sales, staff_tables);
          staff_new += staff_figures->sales->new_clients;
          staff_returning += staff_figures->sales->returning_clients;
        }
    }
  g_assert_cmpuint (staff_new, >, 0);
  g_assert_cmpuint (staff_returning, >, 0);

  /* A summary gone wrong is found, and the rebuild mends it. */
  assert_spoilt_is_mended (fixture, "UPDATE sales_days SET amount = amount + 1"
                           " WHERE (day, staff_id, status) = (SELECT day, staff_id, status FROM sales_days LIMIT 1);");

  /* So are the funnel and the staff's work by day. */
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(*) FROM funnel_times WHERE orders > 0"), >, 5);
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT sum(done) FROM follow_up_done_days"), >, 5);
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(DISTINCT region) FROM region_days"
                                          " WHERE orders > 0"), ==, 4);
  /* Each summary spoilt in turn is found: the count of places the
   * message gives grows each time. One rebuild mends them all. */
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      rapport_test_run_sql (fixture->path, broken[i]);
      g_assert_false (rapport_analytics_check_summaries (fixture->analytics, &error));
      g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT);
      g_assert_cmpstr (error->message, !=, last_message);
      g_free (last_message);
      last_message = g_strdup (error->message);
      g_clear_error (&error);
    }
  g_assert_true (rapport_analytics_rebuild_summaries (fixture->analytics, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_analytics_check_summaries (fixture->analytics, &error));
  g_assert_no_error (error);

  /* So are the lines by day. */
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(DISTINCT name || kind) FROM line_days"), ==, 4);
  assert_spoilt_is_mended (fixture, "UPDATE line_days SET orders = orders + 1"
                           " WHERE (day, staff_id, status, item_id, name, kind) ="
                           " (SELECT day, staff_id, status, item_id, name, kind FROM line_days LIMIT 1);");
  /* And the orders they count under two kinds of a name (step 0027). */
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(*) FROM line_kind_repeats WHERE orders > 0"),
                   >, 5);
  /* A row gone is found too: the tables hold what the summary lacks. */
  assert_spoilt_is_mended (fixture, "DELETE FROM line_kind_repeats WHERE (day, staff_id, status, item_id, name) ="
                           " (SELECT day, staff_id, status, item_id, name FROM line_kind_repeats"
                           " WHERE orders > 0 LIMIT 1);");

  /* Then lines of catalog items and their orders' payments (step 0018):
   * the item's orders and payments by day hold what the tables say, and
   * each month's figures under each item (and member of staff) are the
   * tables'. */
  rapport_test_run_sql (fixture->path, "INSERT INTO catalog_items (id, name, kind, unit_price, sort_key, created_at,"
                        " updated_at) VALUES (1, 'One', 'product', 1, 'one', 0, 0), (2, 'Two', 'service', 1, 'two', 0, 0);");
  add_item_writes (fixture, rand, next_order);
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(*) FROM item_orders"
                                          " WHERE status IN ('confirmed', 'fulfilled', 'closed')"), >, 5);
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(*) FROM item_payment_days"
                                          " WHERE refunded > 0"), >, 5);
  g_assert_true (rapport_analytics_check_summaries (fixture->analytics, &error));
  g_assert_no_error (error);
  for (int month = 1; month <= 6; month++)
    for (int item = 1; item <= 2; item++)
      for (int staff = 0; staff <= 2; staff++)
        {
          g_autofree char *from = g_strdup_printf ("2026-%02d-01", month);
          g_autofree char *to = g_strdup_printf ("2026-%02d-28", month);
          g_autoptr(RapportAnalyticsQuery) period = rapport_analytics_query_new (from, to, RAPPORT_ANALYTICS_BY_DAY);
          g_autoptr(RapportAnalyticsReport) figures = NULL;
          g_autoptr(RapportSales) tables = NULL;

          period->catalog_item_id = item;
          period->staff_id = staff;
          figures = run_report (fixture, period, RAPPORT_ANALYTICS_SALES);
          tables = rapport_analytics_sales_from_orders (fixture->analytics, period, NULL, &error);
          g_assert_no_error (error);
          assert_same_sales (figures->sales, tables);
        }
  /* Money owed under each item (and member of staff), as of each
   * month's end, from the item's unpaid orders (step 0021). */
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(*) FROM item_owed"), >, 5);
  for (int month = 1; month <= 6; month++)
    for (int item = 1; item <= 2; item++)
      for (int staff = 0; staff <= 2; staff++)
        {
          g_autofree char *to = g_strdup_printf ("2026-%02d-28", month);
          g_autoptr(RapportAnalyticsQuery) period = rapport_analytics_query_new ("2026-01-01", to,
                                                                                 RAPPORT_ANALYTICS_BY_DAY);

          period->catalog_item_id = item;
          period->staff_id = staff;
          assert_item_owed_is_tables (fixture, period);
        }
  /* Either spoilt is found, and the rebuild mends them. */
  assert_spoilt_is_mended (fixture, "UPDATE item_orders SET amount = amount + 1"
                           " WHERE (item_id, day, order_id) = (SELECT item_id, day, order_id FROM item_orders LIMIT 1);");
  assert_spoilt_is_mended (fixture, "UPDATE item_payment_days SET received = received + 1"
                           " WHERE (item_id, day, staff_id, status) ="
                           " (SELECT item_id, day, staff_id, status FROM item_payment_days LIMIT 1);");
  assert_spoilt_is_mended (fixture, "UPDATE item_owed SET balance = balance + 1"
                           " WHERE (item_id, due_on, order_id) = (SELECT item_id, due_on, order_id FROM item_owed LIMIT 1);");

  /* Then the clients' groups (step 0020): after tags given and taken,
   * addresses moved and clients merged, each group's sales by day hold
   * what the tables say, and each month's figures under each tag and
   * place (and member of staff) are the tables'. */
  add_group_writes (fixture, rand, next_order);
  add_owing_writes (fixture);
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(DISTINCT group_id) FROM group_days"
                                          " WHERE orders > 0"), >=, 4);
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(*) FROM group_days WHERE refunded > 0"), >, 0);
  /* The groups' funnel, interactions and follow-ups (step 0025). */
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(*) FROM group_funnel_times"
                                          " WHERE group_id > 0 AND orders > 0"), >, 5);
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(*) FROM group_funnel_days"
                                          " WHERE group_id < 0 AND status = 'lost' AND orders > 0"), >, 0);
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(DISTINCT group_id) FROM group_interaction_days"),
                   >=, 4);
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(*) FROM group_follow_up_days"
                                          " WHERE group_id > 0 AND done > 0"), >, 5);
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(*) FROM group_follow_up_days"
                                          " WHERE group_id < 0 AND open > 0"), >, 5);
  g_assert_true (rapport_analytics_check_summaries (fixture->analytics, &error));
  g_assert_no_error (error);
  /* A tag and a place every client has: under either and a group, the
   * figures are read from the tables. */
  rapport_test_run_sql (fixture->path, "INSERT INTO tags (id, name) VALUES (50, 'everyone');"
                        "INSERT INTO client_tags (client_id, tag_id, position) SELECT id, 50, 50 FROM clients;"
                        "INSERT INTO client_addresses (client_id, position, locality, region)"
                        " SELECT id, 5000, 'Everywhere', '' FROM clients;");
  {
    static const char * const tags[] = { "VIP", "tag 2", "gone+", "nobody" };
    static const char * const places[] = { "radom", "Gdańsk", "MAZOWIECKIE", "Nowhere" };
    /* Two periods, each cutting the months in the middle (the rows are
     * by day), and all of the half year. */
    static const char * const periods[][2] = { { "2026-01-10", "2026-03-20" }, { "2026-03-21", "2026-06-30" } };
    guint with_sales = 0, under_places = 0;

    for (guint period_index = 0; period_index < G_N_ELEMENTS (periods); period_index++)
      for (int staff = 0; staff <= 1; staff++)
        for (guint i = 0; i < G_N_ELEMENTS (tags) + G_N_ELEMENTS (places); i++)
          {
            g_autoptr(RapportAnalyticsQuery) period = rapport_analytics_query_new (periods[period_index][0],
                                                                                  periods[period_index][1],
                                                                                  RAPPORT_ANALYTICS_BY_WEEK);

            period->staff_id = staff;
            if (i < G_N_ELEMENTS (tags))
              period->client_tag = g_strdup (tags[i]);
            else
              period->place = g_strdup (places[i - G_N_ELEMENTS (tags)]);
            if (assert_group_figures_are_the_tables (fixture, period) != 0)
              {
                with_sales++;
                under_places += period->place != NULL;
              }
            assert_group_activity_is_the_tables (fixture, period);
          }
    g_assert_cmpuint (with_sales - under_places, >=, 3);
    g_assert_cmpuint (under_places, >=, 3);
  }
  /* Each catalog item's page (step 0026), in the same periods, for
   * everyone and for one member of staff. A few of the items' sales are
   * paid in full, then delivered, so that the item's rows hold the times
   * of every step; and lost orders. */
  sql (fixture, "CREATE TEMP TABLE picked AS SELECT o.id, 1770000000 + 5400 * o.id AS at FROM orders o"
                "  WHERE o.status IN ('confirmed', 'fulfilled', 'closed') AND o.total > o.paid"
                "    AND o.id IN (SELECT order_id FROM order_lines WHERE catalog_item_id IS NOT NULL)"
                "  ORDER BY o.id LIMIT 6;"
                "INSERT INTO order_status_changes (order_id, status, changed_at)"
                " SELECT id, 'confirmed', at FROM picked;"
                "INSERT INTO payments (order_id, paid_on, amount, method, created_at)"
                " SELECT o.id, o.ordered_on, o.total - o.paid, 'card', p.at + 3600 * (o.id %% 50)"
                "   FROM orders o JOIN picked p ON p.id = o.id;"
                "INSERT INTO deliveries (order_id, client_id, carrier_id, planned_on, status, created_at, updated_at)"
                " SELECT o.id, o.client_id, (SELECT min(id) FROM carriers), o.ordered_on, 'delivered', 0, 0"
                "   FROM orders o JOIN picked p ON p.id = o.id WHERE o.id %% 3 <> 0;"
                "INSERT INTO delivery_status_changes (delivery_id, status, changed_at)"
                " SELECT d.id, 'delivered', p.at + 3600 * (p.id %% 50) + 86400 * (p.id %% 4)"
                "   FROM deliveries d JOIN picked p ON p.id = d.order_id WHERE p.id %% 3 <> 0;"
                "DROP TABLE picked;");
  g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(*) FROM item_funnel_days"
                                          " WHERE status = 'lost' AND orders > 0"), >, 0);
  for (int step = 1; step <= 3; step++)
    {
      g_autofree char *times = g_strdup_printf ("SELECT count(*) FROM item_funnel_times"
                                                " WHERE step = %d AND orders > 0", step);

      g_assert_cmpint (rapport_test_query_int (fixture->path, times), >, 0);
    }
  g_assert_true (rapport_analytics_check_summaries (fixture->analytics, &error));
  g_assert_no_error (error);
  for (int item = 1; item <= 2; item++)
    for (int staff = 0; staff <= 1; staff++)
      {
        g_autoptr(RapportAnalyticsQuery) period = rapport_analytics_query_new ("2026-01-10", "2026-06-30",
                                                                              RAPPORT_ANALYTICS_BY_WEEK);

        period->catalog_item_id = item;
        period->staff_id = staff;
        assert_page_is_the_tables (fixture, period);
      }
  /* Under a member of staff alone, whose rows of the summaries by day are
   * sought a day at a time: periods that begin before the first day of
   * orders and end after the last, and one inside. */
  {
    static const char * const periods[][2] = { { "2025-06-01", "2026-03-15" }, { "2026-03-21", "2027-12-31" },
                                               { "2026-02-03", "2026-02-03" } };

    for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
      for (int staff = 1; staff <= 2; staff++)
        {
          g_autoptr(RapportAnalyticsQuery) period = rapport_analytics_query_new (periods[i][0], periods[i][1],
                                                                                RAPPORT_ANALYTICS_BY_WEEK);

          period->staff_id = staff;
          assert_page_is_the_tables (fixture, period);
        }
  }
  /* Money owed under each tag and place (and member of staff), as of the
   * end of March and of June, from the groups' unpaid orders (step 0024). */
  {
    static const char * const groups[] = { "VIP", "tag 2", "gone+", "radom", "Gdańsk", "MAZOWIECKIE", "Nowhere" };
    guint owing = 0;

    g_assert_cmpint (rapport_test_query_int (fixture->path, "SELECT count(DISTINCT group_id) FROM group_owed"), >=, 3);
    for (int month = 3; month <= 6; month += 3)
      for (int staff = 0; staff <= 1; staff++)
        for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
          {
            g_autofree char *to = g_strdup_printf ("2026-%02d-30", month);
            g_autoptr(RapportAnalyticsQuery) period = rapport_analytics_query_new ("2026-01-01", to,
                                                                                  RAPPORT_ANALYTICS_BY_WEEK);
            g_autofree char *clients = NULL;
            g_autofree char *which = NULL;

            period->staff_id = staff;
            if (i < 3)
              period->client_tag = g_strdup (groups[i]);
            else
              period->place = g_strdup (groups[i]);
            clients = group_clients_sql (period);
            which = g_strdup_printf ("o.client_id IN (%s)", clients);
            owing += assert_owed_is_tables (fixture, period, which) > 0;
          }
    g_assert_cmpuint (owing, >=, 4);
  }
  /* Either spoilt is found, and the rebuild mends them. */
  assert_spoilt_is_mended (fixture, "UPDATE group_days SET received = received + 1"
                           " WHERE (group_id, day, staff_id, sale) ="
                           " (SELECT group_id, day, staff_id, sale FROM group_days LIMIT 1);");
  assert_spoilt_is_mended (fixture, "DELETE FROM client_groups WHERE client_id ="
                           " (SELECT min(client_id) FROM client_groups);");
  /* So is each of steps 0023 to 0026's. */
  {
    static const char * const spoilt[] = {
      "UPDATE group_lines SET orders = orders + 1 WHERE (group_id, day, staff_id, item_id, name) ="
      " (SELECT group_id, day, staff_id, item_id, name FROM group_lines LIMIT 1);",
      "UPDATE group_regions SET amount = amount + 1 WHERE (group_id, day, staff_id, region) ="
      " (SELECT group_id, day, staff_id, region FROM group_regions LIMIT 1);",
      "UPDATE group_owed SET balance = balance + 1 WHERE (group_id, due_on, order_id) ="
      " (SELECT group_id, due_on, order_id FROM group_owed LIMIT 1);",
      "UPDATE group_funnel_days SET amount = amount + 1"
      " WHERE (group_id, day, staff_id, status, reason_id, quoted, confirmed, paid, delivered) ="
      " (SELECT group_id, day, staff_id, status, reason_id, quoted, confirmed, paid, delivered"
      " FROM group_funnel_days LIMIT 1);",
      "UPDATE group_funnel_times SET orders = orders + 1 WHERE (group_id, day, staff_id, step, bucket) ="
      " (SELECT group_id, day, staff_id, step, bucket FROM group_funnel_times LIMIT 1);",
      "UPDATE group_interaction_days SET logged = logged + 1 WHERE (group_id, day, staff_id) ="
      " (SELECT group_id, day, staff_id FROM group_interaction_days LIMIT 1);",
      "UPDATE group_follow_up_days SET open = open + 1 WHERE (group_id, day, staff_id, quarter) ="
      " (SELECT group_id, day, staff_id, quarter FROM group_follow_up_days LIMIT 1);",
      "UPDATE item_funnel_orders SET paid = 1 - paid WHERE (order_id, item_id) ="
      " (SELECT order_id, item_id FROM item_funnel_orders LIMIT 1);",
      "UPDATE item_funnel_days SET orders = orders + 1"
      " WHERE (item_id, day, staff_id, status, reason_id, quoted, confirmed, paid, delivered) ="
      " (SELECT item_id, day, staff_id, status, reason_id, quoted, confirmed, paid, delivered"
      " FROM item_funnel_days LIMIT 1);",
      "UPDATE item_funnel_times SET bucket = bucket + 3600 WHERE (item_id, day, staff_id, step, bucket) ="
      " (SELECT item_id, day, staff_id, step, bucket FROM item_funnel_times LIMIT 1);",
    };

    for (guint i = 0; i < G_N_ELEMENTS (spoilt); i++)
      assert_spoilt_is_mended (fixture, spoilt[i]);
  }
}

static void
assert_invalid (RapportAnalyticsQuery *query)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rapport_analytics_query_validate (query, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
test_queries (void)
{
  g_autoptr(RapportAnalyticsQuery) march = rapport_analytics_query_new ("2026-03-01", "2026-03-31",
                                                                        RAPPORT_ANALYTICS_BY_DAY);
  g_autoptr(RapportAnalyticsQuery) before = rapport_analytics_query_dup_previous (march);
  g_autoptr(RapportAnalyticsQuery) year = rapport_analytics_query_dup_year_before (march);
  g_autoptr(RapportAnalyticsQuery) span = rapport_analytics_query_new ("2024-02-29", "2024-03-09",
                                                                       RAPPORT_ANALYTICS_BY_DAY);
  g_autoptr(RapportAnalyticsQuery) span_before = rapport_analytics_query_dup_previous (span);
  g_autoptr(RapportAnalyticsQuery) leap_year = rapport_analytics_query_dup_year_before (span);
  RapportAnalyticsBucket bucket;
  const char *bad_days[] = { "", "2026-02-30", "2026-3-01", "26-03-01", "2026-03-01x", "tomorrow", "\xff\xfe" };

  g_assert_true (rapport_analytics_query_validate (march, NULL));
  /* A month before a month is the month before; other periods keep
   * their length. */
  g_assert_cmpstr (before->from_day, ==, "2026-02-01");
  g_assert_cmpstr (before->to_day, ==, "2026-02-28");
  g_assert_cmpstr (year->from_day, ==, "2025-03-01");
  g_assert_cmpstr (year->to_day, ==, "2025-03-31");
  g_assert_cmpstr (span_before->from_day, ==, "2024-02-19");
  g_assert_cmpstr (span_before->to_day, ==, "2024-02-28");
  g_assert_cmpstr (leap_year->from_day, ==, "2023-02-28");

  for (guint i = 0; i < G_N_ELEMENTS (bad_days); i++)
    {
      g_autoptr(RapportAnalyticsQuery) bad = rapport_analytics_query_new (bad_days[i], "2026-03-31",
                                                                          RAPPORT_ANALYTICS_BY_DAY);
      assert_invalid (bad);
      g_free (bad->to_day);
      bad->to_day = g_strdup (bad_days[i]);
      g_free (bad->from_day);
      bad->from_day = g_strdup ("2026-03-01");
      assert_invalid (bad);
    }
  {
    g_autoptr(RapportAnalyticsQuery) reversed = rapport_analytics_query_new ("2026-04-01", "2026-03-01",
                                                                             RAPPORT_ANALYTICS_BY_MONTH);
    g_autoptr(RapportAnalyticsQuery) long_days = rapport_analytics_query_new ("2000-01-01", "2026-03-01",
                                                                              RAPPORT_ANALYTICS_BY_DAY);
    g_autoptr(RapportAnalyticsQuery) kind = rapport_analytics_query_new ("2026-01-01", "2026-03-01",
                                                                         RAPPORT_ANALYTICS_BY_MONTH);
    kind->item_kind = g_strdup ("gadget");
    assert_invalid (reversed);
    assert_invalid (long_days);
    assert_invalid (kind);
    long_days->bucket = RAPPORT_ANALYTICS_BY_MONTH;
    g_assert_true (rapport_analytics_query_validate (long_days, NULL));
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RapportSegmentRule) rule = rapport_segment_rule_parse ("rfm-segment=cant-lose", &error);

    g_assert_no_error (error);
    g_assert_cmpint (rule->kind, ==, RAPPORT_RULE_RFM_SEGMENT);
    g_assert_null (rapport_segment_rule_parse ("rfm-segment=whales", &error));
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_null (rapport_segment_rule_parse ("slipping-away=3", &error));
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  }

  g_assert_cmpint (rapport_analytics_bucket_for_period ("2026-03-01", "2026-03-31"), ==, RAPPORT_ANALYTICS_BY_DAY);
  g_assert_cmpint (rapport_analytics_bucket_for_period ("2026-01-01", "2026-03-31"), ==, RAPPORT_ANALYTICS_BY_WEEK);
  g_assert_cmpint (rapport_analytics_bucket_for_period ("2026-01-01", "2026-12-31"), ==, RAPPORT_ANALYTICS_BY_MONTH);
  g_assert_true (rapport_analytics_bucket_from_string ("week", &bucket));
  g_assert_cmpint (bucket, ==, RAPPORT_ANALYTICS_BY_WEEK);
  g_assert_false (rapport_analytics_bucket_from_string ("year", &bucket));
}

/* The page's call: on a worker, with the result back on this thread. */
static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(RapportAnalyticsQuery) query = rapport_analytics_query_new ("2026-03-01", "2026-04-30",
                                                                        RAPPORT_ANALYTICS_BY_MONTH);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RapportAnalyticsReport) report = NULL;
  g_autoptr(GError) error = NULL;

  add_sales (fixture);
  sql (fixture, "INSERT INTO client_addresses (client_id, position, locality, region) VALUES"
       " (1, 0, 'Radom', 'Mazowieckie'), (1, 1, 'Kraków', 'Małopolskie'), (2, 0, 'Gdańsk', '');");
  rapport_analytics_report_async (fixture->analytics, query, RAPPORT_ANALYTICS_ALL, NULL,
                                  rapport_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = rapport_analytics_report_finish (fixture->analytics, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->sales->invoiced, ==, 23000);
  g_assert_nonnull (report->funnel);
  g_assert_nonnull (report->by_product);
  g_assert_nonnull (report->by_region);
  g_assert_nonnull (report->by_campaign);
  g_assert_nonnull (report->staff);
  g_assert_nonnull (report->at_risk);
  g_assert_cmpuint (report->owed->len, ==, 4);
  /* Every order of the period is in the row of no campaign. */
  g_assert_cmpuint (report->by_campaign->len, ==, 1);
  g_assert_cmpint (((RapportBreakdownRow *) g_ptr_array_index (report->by_campaign, 0))->invoiced, ==, 23000);
  g_assert_cmpint (((RapportBreakdownRow *) g_ptr_array_index (report->by_product, 0))->invoiced, ==, 23000);
  /* By the region of the first address, else its city: C1's two orders
   * in Mazowieckie, C2's in Gdańsk. */
  g_assert_cmpuint (report->by_region->len, ==, 2);
  g_assert_cmpstr (((RapportBreakdownRow *) g_ptr_array_index (report->by_region, 0))->label, ==, "Mazowieckie");
  g_assert_cmpuint (((RapportBreakdownRow *) g_ptr_array_index (report->by_region, 0))->orders, ==, 2);
  g_assert_cmpint (((RapportBreakdownRow *) g_ptr_array_index (report->by_region, 0))->invoiced, ==, 18000);
  g_assert_cmpstr (((RapportBreakdownRow *) g_ptr_array_index (report->by_region, 1))->label, ==, "Gdańsk");
  g_assert_cmpint (((RapportBreakdownRow *) g_ptr_array_index (report->by_region, 1))->invoiced, ==, 5000);

  /* C1's Kraków address becomes the first: their orders move to
   * Małopolskie; C2's only address gone, theirs to the row of none. */
  sql (fixture, "UPDATE client_addresses SET position = -1 WHERE locality = 'Kraków';"
       "DELETE FROM client_addresses WHERE client_id = 2;");
  g_clear_pointer (&report, rapport_analytics_report_unref);
  report = run_report (fixture, query, RAPPORT_ANALYTICS_BREAKDOWNS);
  g_assert_cmpuint (report->by_region->len, ==, 2);
  g_assert_cmpstr (((RapportBreakdownRow *) g_ptr_array_index (report->by_region, 0))->label, ==, "Małopolskie");
  g_assert_cmpint (((RapportBreakdownRow *) g_ptr_array_index (report->by_region, 0))->invoiced, ==, 18000);
  g_assert_cmpstr (((RapportBreakdownRow *) g_ptr_array_index (report->by_region, 1))->label, ==, "");
  g_assert_cmpint (((RapportBreakdownRow *) g_ptr_array_index (report->by_region, 1))->invoiced, ==, 5000);

  /* A campaign's orders of the period (the January one is not), the
   * rest in the row of none. */
  sql (fixture, "INSERT INTO campaigns (id, name, channel, created_at, updated_at)"
       " VALUES (1, 'Spring', 'sms', 0, 0);"
       "UPDATE orders SET campaign_id = 1 WHERE id IN (2, 8);");
  g_clear_pointer (&report, rapport_analytics_report_unref);
  report = run_report (fixture, query, RAPPORT_ANALYTICS_BREAKDOWNS);
  g_assert_cmpuint (report->by_campaign->len, ==, 2);
  g_assert_cmpstr (((RapportBreakdownRow *) g_ptr_array_index (report->by_campaign, 0))->label, ==, "");
  g_assert_cmpint (((RapportBreakdownRow *) g_ptr_array_index (report->by_campaign, 0))->invoiced, ==, 18000);
  g_assert_cmpstr (((RapportBreakdownRow *) g_ptr_array_index (report->by_campaign, 1))->label, ==, "Spring");
  g_assert_cmpuint (((RapportBreakdownRow *) g_ptr_array_index (report->by_campaign, 1))->orders, ==, 1);
  g_assert_cmpint (((RapportBreakdownRow *) g_ptr_array_index (report->by_campaign, 1))->invoiced, ==, 5000);
}

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_cli (Run        *run,
         const char *path,
         ...)
{
  g_autofree char *program = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "rapport-cli", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, program);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, (gpointer) path);
  va_start (args, path);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process))
    g_error ("rapport-cli was killed by signal %d; it printed:\n%s", g_subprocess_get_term_sig (process), run->err);
  run->status = g_subprocess_get_exit_status (process);
}

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
assert_refused (Fixture    *fixture,
                const char *expected,
                ...)
{
  g_auto(Run) run = { 0 };
  const char *args[8] = { NULL, };
  va_list list;

  va_start (list, expected);
  for (guint i = 0; i < G_N_ELEMENTS (args) - 1 && (args[i] = va_arg (list, const char *)) != NULL; i++)
    ;
  va_end (list);
  run_cli (&run, fixture->path, args[0], args[1], args[2], args[3], args[4], args[5], args[6], NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, expected));
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_auto(Run) revenue = { 0 }, owed = { 0 }, rfm = { 0 }, text = { 0 };

  add_sales (fixture);
  g_clear_pointer (&fixture->store, rapport_test_store_free);

  run_cli (&revenue, fixture->path, "report", "revenue", "--from", "2026-03-01", "--to", "2026-04-30",
           "--by", "month", "--format", "csv", NULL);
  g_assert_cmpstr (revenue.err, ==, "");
  g_assert_cmpint (revenue.status, ==, 0);
  g_assert_cmpstr (revenue.out, ==,
                   "start,invoiced,paid,refunded,orders,cancelled,cancelled_value\n"
                   "2026-03-01,150.00,100.00,20.00,2,1,20.00\n"
                   "2026-04-01,80.00,100.00,30.00,1,0,0.00\n"
                   "total,230.00,200.00,50.00,3,1,20.00\n");

  run_cli (&owed, fixture->path, "report", "owed", "--from", "2026-04-01", "--to", "2026-04-30",
           "--format", "csv", NULL);
  g_assert_cmpint (owed.status, ==, 0);
  g_assert_cmpstr (owed.out, ==,
                   "days_overdue,orders,amount,order_ids\n"
                   "0-30,1,30.00,3\n"
                   "31-60,1,20.00,10\n"
                   "61-90,1,15.00,9\n"
                   "91+,1,60.00,8\n");

  /* The scores are computed first, as they never were. */
  run_cli (&rfm, fixture->path, "report", "rfm", "--to", "2026-04-30", "--format", "csv", NULL);
  g_assert_cmpint (rfm.status, ==, 0);
  g_assert_nonnull (strstr (rfm.out, "segment,clients,revenue\nchampions,2,240.00\n"));
  g_assert_nonnull (strstr (rfm.out, "\nlost,1,60.00\n"));

  run_cli (&text, fixture->path, "report", "staff", "--from", "2026-03-01", "--to", "2026-03-31", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_true (g_str_has_prefix (text.out, "Staff "));
  g_assert_nonnull (strstr (text.out, "\nAnna "));

  assert_refused (fixture, "2026-02-30", "report", "revenue", "--from", "2026-02-30", NULL);
  assert_refused (fixture, "swap", "report", "revenue", "--from", "2026-05-01", "--to", "2026-04-01", NULL);
  assert_refused (fixture, "--by", "report", "revenue", "--by", "year", NULL);
  assert_refused (fixture, "--format", "report", "funnel", "--format", "xml", NULL);
  assert_refused (fixture, "sales", "report", "sales", NULL);

  /* The summaries checked, found spoilt, rebuilt and checked again. */
  {
    g_auto(Run) whole = { 0 }, spoilt = { 0 }, rebuilt = { 0 }, mended = { 0 };

    run_cli (&whole, fixture->path, "report", "check", NULL);
    g_assert_cmpint (whole.status, ==, 0);
    g_assert_cmpstr (whole.out, ==, "The figures’ summaries hold what the orders say.\n");
    rapport_test_run_sql (fixture->path, "UPDATE sales_days SET amount = amount + 1"
                                         " WHERE day = (SELECT min(day) FROM sales_days)");
    run_cli (&spoilt, fixture->path, "report", "check", NULL);
    g_assert_cmpint (spoilt.status, ==, 2);
    g_assert_cmpstr (spoilt.out, ==, "");
    g_assert_nonnull (strstr (spoilt.err, "report rebuild"));
    run_cli (&rebuilt, fixture->path, "report", "rebuild", NULL);
    g_assert_cmpint (rebuilt.status, ==, 0);
    g_assert_cmpstr (rebuilt.out, ==, "The figures’ summaries were made again from the orders.\n");
    run_cli (&mended, fixture->path, "report", "check", NULL);
    g_assert_cmpint (mended.status, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  /* Run as another writer by write_in_zone(), in the zone it was given. */
  if (g_getenv ("RAPPORT_TEST_WRITE_SQL") != NULL)
    {
      rapport_test_run_sql (g_getenv ("RAPPORT_TEST_WRITE_FILE"), g_getenv ("RAPPORT_TEST_WRITE_SQL"));
      return 0;
    }
  self_path = argv[0];
  g_setenv ("TZ", "Europe/Warsaw", TRUE);
  tzset ();
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/rapport/analytics/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("revenue-by-month", test_revenue_by_month);
  ADD ("revenue-by-week-across-dst", test_revenue_by_week_across_dst);
  ADD ("revenue-in-another-calendar", test_revenue_in_another_calendar);
  ADD ("staff", test_staff);
  ADD ("funnel", test_funnel);
  ADD ("list-orders", test_list_orders);
  ADD ("owed", test_owed);
  ADD ("item-filter", test_item_filter);
  ADD ("group-changes", test_group_changes);
  ADD ("rfm", test_rfm);
  ADD ("at-risk", test_at_risk);
  ADD ("rfm-async-lets-saves-through", test_rfm_async_lets_saves_through);
  ADD ("bulk/summaries-follow-writes", test_summaries_follow_writes);
  ADD ("async", test_async);
  ADD ("cli", test_cli);
#undef ADD
  g_test_add_func ("/rapport/analytics/quintiles", test_quintiles);
  g_test_add_func ("/rapport/analytics/queries", test_queries);

  return g_test_run ();
}
