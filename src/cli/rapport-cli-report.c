/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-cli"

/* rapport-cli report: the figures of the Analytics page, from the same
 * core functions, as a table for people or CSV for spreadsheets. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "rapport-analytics.h"
#include "rapport-cli-common.h"
#include "rapport-cli-report.h"
#include "rapport-error.h"
#include "rapport-money-format.h"

/* The stored scores are computed again when older than this. */
#define SCORES_MAX_AGE (24 * 3600)

typedef struct
{
  GPtrArray *keys;    /* CSV column names */
  GPtrArray *titles;  /* what a person reads */
  GPtrArray *rows;    /* GStrv */
} Table;

static Table *
table_new (const char *first_key,
           ...)
{
  Table *table = g_new0 (Table, 1);
  va_list args;

  table->keys = g_ptr_array_new ();
  table->titles = g_ptr_array_new ();
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      g_ptr_array_add (table->keys, (gpointer) key);
      g_ptr_array_add (table->titles, (gpointer) va_arg (args, const char *));
    }
  va_end (args);
  return table;
}

static void
table_free (Table *table)
{
  g_ptr_array_unref (table->keys);
  g_ptr_array_unref (table->titles);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Table, table_free)

/* Adds a row of the table's width; takes the strings. */
static void
table_add (Table *table,
           ...)
{
  GStrv row = g_new0 (char *, table->keys->len + 1);
  va_list args;

  va_start (args, table);
  for (guint i = 0; i < table->keys->len; i++)
    row[i] = va_arg (args, char *);
  va_end (args);
  g_ptr_array_add (table->rows, row);
}

static void
print_csv_field (const char *text,
                 gboolean    last)
{
  if (strpbrk (text, ",\"\n\r") != NULL)
    {
      g_autoptr(GString) quoted = g_string_new (text);

      g_string_replace (quoted, "\"", "\"\"", 0);
      g_print ("\"%s\"", quoted->str);
    }
  else
    g_print ("%s", text);
  g_print (last ? "\n" : ",");
}

static void
print_padded (const char *text,
              guint       width,
              gboolean    last)
{
  glong length = g_utf8_strlen (text, -1);

  g_print ("%s", text);
  if (last)
    g_print ("\n");
  else
    for (glong i = length; i < (glong) width + 2; i++)
      g_print (" ");
}

static void
table_print (Table    *table,
             gboolean  csv)
{
  g_autofree guint *widths = g_new0 (guint, table->keys->len);
  guint n = table->keys->len;

  if (csv)
    {
      for (guint i = 0; i < n; i++)
        print_csv_field (g_ptr_array_index (table->keys, i), i + 1 == n);
      for (guint r = 0; r < table->rows->len; r++)
        for (guint i = 0; i < n; i++)
          print_csv_field (((GStrv) g_ptr_array_index (table->rows, r))[i], i + 1 == n);
      return;
    }

  for (guint i = 0; i < n; i++)
    widths[i] = (guint) g_utf8_strlen (g_ptr_array_index (table->titles, i), -1);
  for (guint r = 0; r < table->rows->len; r++)
    for (guint i = 0; i < n; i++)
      widths[i] = MAX (widths[i], (guint) g_utf8_strlen (((GStrv) g_ptr_array_index (table->rows, r))[i], -1));
  for (guint i = 0; i < n; i++)
    print_padded (g_ptr_array_index (table->titles, i), widths[i], i + 1 == n);
  for (guint r = 0; r < table->rows->len; r++)
    for (guint i = 0; i < n; i++)
      print_padded (((GStrv) g_ptr_array_index (table->rows, r))[i], widths[i], i + 1 == n);
}

static char *
money (gint64      amount,
       const char *currency)
{
  return rapport_money_format_plain (amount, currency);
}

static char *
number (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* ---- The reports ---- */

static void
report_revenue (RapportAnalyticsReport *report,
                gboolean                csv)
{
  RapportSales *sales = report->sales;
  const char *currency = report->currency;
  g_autoptr(Table) table = table_new ("start", _("Start"), "invoiced", _("Invoiced"), "paid", _("Paid"),
                                      "refunded", _("Refunded"), "orders", _("Orders"),
                                      "cancelled", _("Cancelled"), "cancelled_value", _("Cancelled value"),
                                      NULL);

  for (guint i = 0; i < sales->points->len; i++)
    {
      RapportSalesPoint *point = g_ptr_array_index (sales->points, i);

      table_add (table, g_strdup (point->start_day), money (point->invoiced, currency),
                 money (point->paid, currency), money (point->refunded, currency), number (point->orders),
                 number (point->cancelled), money (point->cancelled_value, currency));
    }
  table_add (table, g_strdup (csv ? "total" : _("Total")), money (sales->invoiced, currency),
             money (sales->paid, currency), money (sales->refunded, currency), number (sales->orders),
             number (sales->cancelled), money (sales->cancelled_value, currency));
  table_print (table, csv);
  if (!csv)
    {
      g_autofree char *net = money (sales->net, currency);
      g_autofree char *average = money (sales->average_order, currency);

      /* TRANSLATORS: amounts, then the currency code, then counts of clients */
      g_print (_("Net sales %s %s; average order %s; new clients %u; returning clients %u\n"),
               net, currency, average, sales->new_clients, sales->returning_clients);
    }
}

static const char *
stage_name (RapportFunnelStage stage)
{
  switch (stage)
    {
    case RAPPORT_FUNNEL_QUOTED:
      return "quoted";
    case RAPPORT_FUNNEL_CONFIRMED:
      return "confirmed";
    case RAPPORT_FUNNEL_PAID:
      return "paid";
    case RAPPORT_FUNNEL_DELIVERED:
      return "delivered";
    case RAPPORT_FUNNEL_N_STAGES:
    default:
      g_assert_not_reached ();
    }
}

static const char *
stage_title (RapportFunnelStage stage)
{
  switch (stage)
    {
    case RAPPORT_FUNNEL_QUOTED:
      return _("Quoted");
    case RAPPORT_FUNNEL_CONFIRMED:
      return _("Confirmed");
    case RAPPORT_FUNNEL_PAID:
      return _("Paid");
    case RAPPORT_FUNNEL_DELIVERED:
      return _("Delivered");
    case RAPPORT_FUNNEL_N_STAGES:
    default:
      g_assert_not_reached ();
    }
}

static void
report_funnel (RapportAnalyticsReport *report,
               gboolean                csv)
{
  g_autoptr(Table) table = table_new ("step", _("Step"), "orders", _("Orders"), "value", _("Value"),
                                      "conversion_percent", _("Conversion %"),
                                      csv ? "median_seconds" : "median_hours",
                                      csv ? _("Median seconds") : _("Median hours"), NULL);

  for (guint i = 0; i < report->funnel->steps->len; i++)
    {
      RapportFunnelStep *step = g_ptr_array_index (report->funnel->steps, i);
      char *median;

      if (step->median_seconds < 0)
        median = g_strdup ("");
      else if (csv)
        median = number (step->median_seconds);
      else
        median = g_strdup_printf ("%.1f", step->median_seconds / 3600.0);
      table_add (table, g_strdup (csv ? stage_name (step->stage) : stage_title (step->stage)),
                 number (step->count), money (step->value, report->currency),
                 g_strdup_printf ("%.1f", step->conversion * 100.0), median);
    }
  table_print (table, csv);
}

static void
report_lost (RapportAnalyticsReport *report,
             gboolean                csv)
{
  g_autoptr(Table) table = table_new ("reason", _("Reason"), "quotes", _("Quotes"), "value", _("Value"), NULL);
  RapportFunnel *funnel = report->funnel;

  for (guint i = 0; i < funnel->lost_reasons->len; i++)
    {
      RapportLostReasonRow *row = g_ptr_array_index (funnel->lost_reasons, i);

      table_add (table, g_strdup (*row->name ? row->name : (csv ? "" : _("No reason given"))),
                 number (row->count), money (row->value, report->currency));
    }
  table_print (table, csv);
  if (!csv)
    {
      g_autofree char *won = money (funnel->won_value, report->currency);
      g_autofree char *lost = money (funnel->lost_value, report->currency);

      /* TRANSLATORS: counts of quotes, amounts and the currency code */
      g_print (_("Won %u quotes (%s %s); lost %u (%s %s)\n"),
               funnel->won, won, report->currency, funnel->lost, lost, report->currency);
    }
}

static void
report_owed (RapportAnalyticsReport *report,
             gboolean                csv)
{
  g_autoptr(Table) table = table_new ("days_overdue", _("Days overdue"), "orders", _("Orders"),
                                      "amount", _("Owed"), "order_ids", _("Order ids"), NULL);

  for (guint i = 0; i < report->owed->len; i++)
    {
      RapportAgeingBucket *bucket = g_ptr_array_index (report->owed, i);
      g_autoptr(GString) ids = g_string_new (NULL);

      for (guint j = 0; j < bucket->order_ids->len; j++)
        g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, j > 0 ? " " : "",
                                g_array_index (bucket->order_ids, gint64, j));
      table_add (table,
                 bucket->to_days < 0 ? g_strdup_printf ("%d+", bucket->from_days)
                                     : g_strdup_printf ("%d-%d", bucket->from_days, bucket->to_days),
                 number (bucket->count), money (bucket->amount, report->currency),
                 g_string_free (g_steal_pointer (&ids), FALSE));
    }
  table_print (table, csv);
}

static void
report_rfm (RapportAnalyticsReport *report,
            gboolean                csv)
{
  g_autoptr(Table) table = table_new ("segment", _("Segment"), "clients", _("Clients"),
                                      "revenue", _("Revenue"), NULL);

  for (guint i = 0; i < report->rfm->len; i++)
    {
      RapportRfmRow *row = g_ptr_array_index (report->rfm, i);

      table_add (table, g_strdup (csv ? rapport_rfm_segment_to_string (row->segment)
                                      : rapport_rfm_segment_get_label (row->segment)),
                 number (row->clients), money (row->revenue, report->currency));
    }
  table_print (table, csv);
}

static void
report_at_risk (RapportAnalyticsReport *report,
                gboolean                csv)
{
  g_autoptr(Table) table = table_new ("client_id", _("Id"), "name", _("Client"), "visits", _("Visits"),
                                      "usual_interval_days", _("Usual interval (days)"),
                                      "last_day", _("Last"), "days_away", _("Days away"),
                                      "revenue", _("Revenue"), NULL);

  for (guint i = 0; i < report->at_risk->len; i++)
    {
      RapportAtRiskClient *client = g_ptr_array_index (report->at_risk, i);

      table_add (table, number (client->client_id), g_strdup (client->name), number (client->visits),
                 number (client->usual_interval_days), g_strdup (client->last_day),
                 number (client->days_away), money (client->revenue, report->currency));
    }
  table_print (table, csv);
}

static void
report_staff (RapportAnalyticsReport *report,
              gboolean                csv)
{
  g_autoptr(Table) table = table_new ("staff", _("Staff"), "orders", _("Orders"), "revenue", _("Revenue"),
                                      "interactions", _("Interactions"),
                                      "follow_ups_on_time", _("Follow-ups on time"),
                                      "follow_ups_late", _("Late"), "quotes_won", _("Quotes won"),
                                      "quotes_lost", _("Quotes lost"), NULL);

  for (guint i = 0; i < report->staff->len; i++)
    {
      RapportStaffRow *row = g_ptr_array_index (report->staff, i);

      table_add (table, g_strdup (*row->name ? row->name : (csv ? "" : _("Nobody"))),
                 number (row->orders), money (row->revenue, report->currency), number (row->interactions),
                 number (row->follow_ups_on_time), number (row->follow_ups_late),
                 number (row->quotes_won), number (row->quotes_lost));
    }
  table_print (table, csv);
}

static const struct
{
  const char            *name;
  RapportAnalyticsParts  parts;
  void                 (*print) (RapportAnalyticsReport *report,
                                 gboolean                csv);
} reports[] = {
  { "revenue", RAPPORT_ANALYTICS_SALES, report_revenue },
  { "funnel", RAPPORT_ANALYTICS_FUNNEL, report_funnel },
  { "lost", RAPPORT_ANALYTICS_FUNNEL, report_lost },
  { "owed", RAPPORT_ANALYTICS_OWED, report_owed },
  { "rfm", RAPPORT_ANALYTICS_RFM, report_rfm },
  { "at-risk", RAPPORT_ANALYTICS_AT_RISK | RAPPORT_ANALYTICS_AT_RISK_ALL, report_at_risk },
  { "staff", RAPPORT_ANALYTICS_STAFF, report_staff },
};

/* The scores the RFM and at-risk reports read are computed again when a
 * day old, as the application does: that writes to the file. */
static int
refresh_scores (RapportDatabase *looked)
{
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(RapportAnalytics) analytics = NULL;
  g_autoptr(GError) error = NULL;
  gint64 scored_at;

  analytics = rapport_analytics_new (looked);
  scored_at = rapport_analytics_get_rfm_scored_at (analytics, &error);
  if (error != NULL)
    return rapport_cli_fail (error->message);
  if (scored_at > 0 && rapport_database_now (looked) - scored_at < SCORES_MAX_AGE)
    return EXIT_FOUND;

  g_clear_object (&analytics);
  db = rapport_database_open (rapport_database_get_path (looked), RAPPORT_DATABASE_DEFAULT, &error);
  if (db == NULL)
    return rapport_cli_fail (error->message);
  analytics = rapport_analytics_new (db);
  if (!rapport_analytics_refresh_rfm (analytics, &error))
    return rapport_cli_fail (error->message);
  return EXIT_FOUND;
}

static char *
dup_today (RapportDatabase *db)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (rapport_database_now (db));

  return g_date_time_format (now, "%Y-%m-%d");
}

/* A year up to @to_day: from the day after the same day a year before. */
static char *
dup_year_before (const char *to_day)
{
  int year, month, day;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GDateTime) from = NULL;

  if (sscanf (to_day, "%d-%d-%d", &year, &month, &day) != 3)
    return g_strdup (to_day);
  to = g_date_time_new_utc (year, month, day, 0, 0, 0);
  if (to == NULL)
    return g_strdup (to_day);
  from = g_date_time_add_days (to, -364);
  return g_date_time_format (from, "%Y-%m-%d");
}

/* “check” compares the summaries with the orders (exit 2 when they
 * differ); “rebuild” makes them again from the orders. */
static int
check_or_rebuild (RapportDatabase *looked,
                  gboolean         rebuild)
{
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(RapportAnalytics) analytics = NULL;
  g_autoptr(GError) error = NULL;

  if (rebuild)
    {
      db = rapport_database_open (rapport_database_get_path (looked), RAPPORT_DATABASE_DEFAULT, &error);
      if (db == NULL)
        return rapport_cli_fail (error->message);
    }
  analytics = rapport_analytics_new (db ? db : looked);
  /* Both read every order, line and payment: minutes on a large file. */
  if (isatty (STDERR_FILENO))
    g_printerr ("%s", rebuild ? _("Making the figures’ summaries again from the orders; on a large file this takes minutes…\n")
                              : _("Comparing the figures’ summaries with the orders; on a large file this takes minutes…\n"));
  if (rebuild ? !rapport_analytics_rebuild_summaries (analytics, &error)
              : !rapport_analytics_check_summaries (analytics, &error))
    return rapport_cli_fail (error->message);
  g_print ("%s", rebuild ? _("The figures’ summaries were made again from the orders.\n")
                         : _("The figures’ summaries hold what the orders say.\n"));
  return EXIT_FOUND;
}

/**
 * rapport_cli_run_report:
 * @what: revenue, funnel, lost, owed, rfm, at-risk or staff; or check or
 *   rebuild, for the summaries
 * @from: (nullable): the first day, `YYYY-MM-DD`; a year before @to
 * @to: (nullable): the last day; today
 * @by: (nullable): day, week or month; by the period's length
 * @format: (nullable): text (the default) or csv
 *
 * Returns: the exit status
 */
int
rapport_cli_run_report (const char *what,
                        const char *from,
                        const char *to,
                        const char *by,
                        const char *format)
{
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(RapportAnalytics) analytics = NULL;
  g_autoptr(RapportAnalyticsQuery) query = NULL;
  g_autoptr(RapportAnalyticsReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *to_day = NULL;
  g_autofree char *from_day = NULL;
  RapportAnalyticsBucket bucket;
  gboolean csv;
  int status = EXIT_ERROR;
  guint which = G_N_ELEMENTS (reports);

  if (g_strcmp0 (what, "check") == 0 || g_strcmp0 (what, "rebuild") == 0)
    {
      db = rapport_cli_open_for_looking (&status);
      return db ? check_or_rebuild (db, g_str_equal (what, "rebuild")) : status;
    }
  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    if (g_strcmp0 (what, reports[i].name) == 0)
      which = i;
  if (which == G_N_ELEMENTS (reports))
    {
      g_autofree char *shown = g_utf8_make_valid (what, -1);
      g_autofree char *message = g_strdup_printf (_("There is no report “%s”; choose revenue, funnel, lost, "
                                                    "owed, rfm, at-risk or staff."), shown);
      return rapport_cli_fail (message);
    }
  if (format != NULL && g_strcmp0 (format, "text") != 0 && g_strcmp0 (format, "csv") != 0)
    return rapport_cli_fail (_("--format: a report is written as text (the default) or csv."));
  csv = g_strcmp0 (format, "csv") == 0;
  if (by != NULL && !rapport_analytics_bucket_from_string (by, &bucket))
    return rapport_cli_fail (_("--by: figures go by day, week or month."));

  db = rapport_cli_open_for_looking (&status);
  if (db == NULL)
    return status;

  to_day = to ? g_strdup (to) : dup_today (db);
  from_day = from ? g_strdup (from) : dup_year_before (to_day);
  if (by == NULL)
    bucket = rapport_analytics_bucket_for_period (from_day, to_day);
  query = rapport_analytics_query_new (from_day, to_day, bucket);
  if (!rapport_analytics_query_validate (query, &error))
    return rapport_cli_fail (error->message);

  if ((reports[which].parts & (RAPPORT_ANALYTICS_RFM | RAPPORT_ANALYTICS_AT_RISK))
      && (status = refresh_scores (db)) != EXIT_FOUND)
    return status;

  analytics = rapport_analytics_new (db);
  report = rapport_analytics_report (analytics, query, reports[which].parts, NULL, &error);
  if (report == NULL)
    return rapport_cli_fail (error->message);
  reports[which].print (report, csv);
  return EXIT_FOUND;
}
