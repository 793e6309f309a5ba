/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The deliveries part of the benchmark, on the database `rapport-cli
 * seed` made (its orders are shipped in one or two deliveries, with their
 * warranties): the Deliveries page's list on "late", "today", "this
 * week", a tracking number and a year's order numbers, until its first
 * screen of rows is read; the warranties ending within 30 days; a
 * delivery note as PDF. Each as the person waits for it, on the main
 * thread. The sizes (900,000 deliveries, 1,500,000 warranties)
 * come from tests/bench-grow-deliveries.sql. */

#include <glib/gstdio.h>

#include "bench-deliveries.h"
#include "rapport-delivery-list.h"
#include "rapport-delivery-note.h"
#include "rapport-delivery-rules.h"

#define RUNS 30
#define FIRST_ROWS 64

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

static void
wait_for (RapportDeliveryList *list)
{
  while (rapport_delivery_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

/* Until the list has its first screen of ids (it reads the first ids,
 * then all of them), or all there are. */
static void
wait_for_first_screen (RapportDeliveryList *list)
{
  while (rapport_delivery_list_get_loading (list)
         && g_list_model_get_n_items (G_LIST_MODEL (list)) < FIRST_ROWS)
    g_main_context_iteration (NULL, TRUE);
}

static char *
dup_today (RapportContext *context)
{
  g_autoptr(GDateTime) now = rapport_context_dup_now (context);

  return g_date_time_format (now, "%Y-%m-%d");
}

/* One choice of the page, from a list showing another, as a click on the
 * drop-down does: until its first screen of rows is read. */
static void
measure_list (RapportContext          *context,
              BenchReport              report,
              const char              *what,
              RapportDeliveryListMode  mode,
              RapportDeliveryWhen      when,
              const char              *text,
              gboolean                 whole,
              const char              *goal)
{
  g_autoptr(RapportDeliveryList) list = rapport_delivery_list_new (rapport_context_get_database (context));
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *today = dup_today (context);
  g_autofree char *counted = NULL;
  guint n = 0;

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start;
      double ms;

      /* From another, small choice, as the page would be. */
      rapport_delivery_list_set_query (list, RAPPORT_DELIVERY_LIST_DELIVERIES, RAPPORT_DELIVERIES_TODAY,
                                       today, 30, "no such thing");
      wait_for (list);
      start = g_get_monotonic_time ();
      rapport_delivery_list_set_query (list, mode, when, today, 30, text);
      if (whole)
        wait_for (list);
      else
        wait_for_first_screen (list);
      bench_load_first_rows (G_LIST_MODEL (list));
      ms = elapsed_ms (start);
      g_array_append_val (samples, ms);
      wait_for (list);
      n = g_list_model_get_n_items (G_LIST_MODEL (list));
    }
  counted = g_strdup_printf ("%s (%u rows)", what, n);
  report (counted, samples, goal);
}

static void
measure_note (RapportContext *context,
              BenchReport     report)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rapport-bench-note-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "note.pdf", NULL);
  RapportDeliveryFilter filter = { RAPPORT_DELIVERIES_ALL, NULL, NULL, RUNS };

  g_assert_no_error (error);
  ids = rapport_delivery_repository_search (rapport_context_get_deliveries (context), &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(RapportDeliveryNote) note = rapport_delivery_note_load (rapport_context_get_database (context),
                                                                        g_array_index (ids, gint64, i), &error);
      double ms;

      g_assert_no_error (error);
      g_assert_true (rapport_delivery_note_write_pdf (note, path, &error));
      ms = elapsed_ms (start);
      g_array_append_val (samples, ms);
    }
  g_remove (path);
  g_rmdir (dir);
  report ("delivery note PDF (read + write)", samples, "< 100 ms");
}

static void
measure_expiring (RapportContext *context,
                  BenchReport     report,
                  guint           limit,
                  const char     *goal)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *today = dup_today (context);
  g_autofree char *last = rapport_day_shift (today, 30);
  g_autofree char *what = NULL;
  guint n = 0;

  for (guint run = 0; run < RUNS; run++)
    {
      RapportWarrantyFilter filter = { today, last, NULL, 0, limit };
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      ids = rapport_warranty_repository_search (rapport_context_get_warranties (context), &filter, &error);
      g_assert_no_error (error);
      rows = rapport_warranty_repository_load (rapport_context_get_warranties (context),
                                               (const gint64 *) (gpointer) ids->data, MIN (ids->len, FIRST_ROWS),
                                               &error);
      g_assert_no_error (error);
      ms = elapsed_ms (start);
      g_array_append_val (samples, ms);
      n = ids->len;
    }
  what = limit > 0 ? g_strdup_printf ("warranties ending in 30 days: first %u", n)
                   : g_strdup_printf ("  … all %u ids", n);
  report (what, samples, goal);
}

/**
 * bench_deliveries:
 * @context: the benchmark database's
 * @wanted: whether a measurement was asked for
 * @report: how figures are printed
 */
void
bench_deliveries (RapportContext *context,
                  BenchWanted     wanted,
                  BenchReport     report)
{
  RapportDatabase *database = rapport_context_get_database (context);
  g_autoptr(GArray) all = NULL;
  g_autoptr(GError) error = NULL;
  RapportDeliveryFilter filter = { RAPPORT_DELIVERIES_ALL, NULL, NULL, 100 };
  g_autoptr(GPtrArray) newest = NULL;
  g_autofree char *tracking = NULL;
  g_autofree char *year = NULL;

  all = rapport_delivery_repository_search (rapport_context_get_deliveries (context), &filter, &error);
  g_assert_no_error (error);
  if (all->len == 0)
    {
      g_print ("%-34s none in %s: seed it with this version's rapport-cli\n", "deliveries",
               rapport_database_get_path (database));
      return;
    }
  newest = rapport_delivery_repository_load (rapport_context_get_deliveries (context),
                                             (const gint64 *) (gpointer) all->data, all->len, &error);
  g_assert_no_error (error);
  /* The start of a recent tracking number, as a person types it. */
  for (guint i = 0; i < newest->len && tracking == NULL; i++)
    if (*((RapportDelivery *) g_ptr_array_index (newest, i))->tracking_number != '\0')
      tracking = g_strndup (((RapportDelivery *) g_ptr_array_index (newest, i))->tracking_number, 8);
  /* The start every order number of a year shares (“2026-”): a search
   * that matches a third of the deliveries. */
  if (newest->len > 0)
    year = g_strndup (((RapportDelivery *) g_ptr_array_index (newest, 0))->order_number, 5);

  if (wanted ("deliveries-late"))
    measure_list (context, report, "Deliveries page: late", RAPPORT_DELIVERY_LIST_DELIVERIES,
                  RAPPORT_DELIVERIES_LATE, NULL, FALSE, "< 100 ms");
  if (wanted ("deliveries-page"))
    {
      measure_list (context, report, "  … today", RAPPORT_DELIVERY_LIST_DELIVERIES, RAPPORT_DELIVERIES_TODAY,
                    NULL, FALSE, "< 100 ms");
      measure_list (context, report, "  … this week", RAPPORT_DELIVERY_LIST_DELIVERIES, RAPPORT_DELIVERIES_WEEK,
                    NULL, FALSE, "< 100 ms");
      measure_list (context, report, "  … a tracking number's start", RAPPORT_DELIVERY_LIST_DELIVERIES,
                    RAPPORT_DELIVERIES_ALL, tracking, FALSE, "< 100 ms");
      measure_list (context, report, "  … a year's order numbers' start", RAPPORT_DELIVERY_LIST_DELIVERIES,
                    RAPPORT_DELIVERIES_ALL, year, FALSE, "< 100 ms");
      measure_list (context, report, "  … all", RAPPORT_DELIVERY_LIST_DELIVERIES, RAPPORT_DELIVERIES_ALL,
                    NULL, TRUE, "(for reference: until all ids are in)");
      measure_list (context, report, "  … warranties ending soon", RAPPORT_DELIVERY_LIST_WARRANTIES,
                    RAPPORT_DELIVERIES_ALL, NULL, FALSE, "< 20 ms");
    }
  if (wanted ("warranties-expiring"))
    {
      /* What the list reads first (rapport-delivery-list.c), then all. */
      measure_expiring (context, report, 128, "< 20 ms");
      measure_expiring (context, report, 0, "(for reference)");
    }
  if (wanted ("delivery-note"))
    measure_note (context, report);
}
