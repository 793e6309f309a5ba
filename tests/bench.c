/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The benchmark: builds a database of 100,000 clients, 1,000,000
 * interactions and 1,000,000 orders (with about 3,000,000 lines and
 * 1,200,000 payments) and measures what a person waits for. Run it with
 *   meson test -C _build --benchmark --suite bench -v
 * in a graphical or headless session. Figures go to standard output.
 *
 * Arguments: [--clients N] [--interactions N] [--orders N] RAPPORT-CLI
 * RAPPORT BARE-WINDOW; the counts say how big a database to make when
 * there is none (a million clients: --clients 1000000 --interactions
 * 2000000 --orders 0). RAPPORT_BENCH_DB=FILE reuses (or keeps)
 * the database instead of a temporary one; RAPPORT_BENCH_ONLY=search,card
 * runs only some measurements (startup, search (its parts: search-query,
 * search-model, search-view), phones, save, card, memory,
 * reminders, backup, wait, and those of orders: orders-list, orders-filter,
 * order-open, order-card, invoice, orders-page, order-editor,
 * order-card-view, of deliveries: deliveries-late, deliveries-page,
 * warranties-expiring, delivery-note, and of contacts: import-preview,
 * import, duplicates, and of analytics: analytics-revenue,
 * analytics-revenue-raw, analytics-page, analytics-parts, analytics-filter,
 * analytics-rfm, and of bulk inserts: bulk-new, bulk); RAPPORT_BENCH_VERBOSE=1 names the slow keystrokes and
 * filters. */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-analytics.h"
#include "bench-bulk.h"
#include "bench-deliveries.h"
#include "bench-campaigns.h"
#include "bench-contacts.h"
#include "bench-reminders.h"
#include "rapport-client-orders.h"
#include "rapport-backups.h"
#include "rapport-client-list-private.h"
#include "rapport-client-row.h"
#include "rapport-clients-page.h"
#include "rapport-order-editor.h"
#include "rapport-orders-page.h"
#include "rapport-gui.h"
#include "rapport-invoice.h"
#include "rapport-order-list.h"
#include "rapport-window.h"

#include <sqlite3.h>
#include <sys/resource.h>

static int n_clients = 100000;
static int n_interactions = 1000000;
static int n_orders = 1000000;
#define CARD_INTERACTIONS 200
#define SEED 7
/* The sample data's big account has this many orders, and its newest
 * order this many lines (rapport-demo-orders.c). */
#define BIG_ACCOUNT_ORDERS 500
#define BIG_ORDER_LINES 50
/* The rows a list shows first: a screen and some. */
#define FIRST_ROWS 64
/* The orders a client card shows first. */
#define CARD_ORDERS 25
/* An invoice's page, in points. */
#define A4_WIDTH 595.276
#define A4_HEIGHT 841.89

static const char * const typed[] = {
  "anna kowalska", "иванова", "محمدی", "gmail.com", "+7 916", "wiśniewska",
  "garcía", "smith", "0912 3", "müller", "office", "ул. лени", "vip", "8 903",
};

typedef struct
{
  GArray *samples;   /* double, milliseconds */
} Series;

static GtkWidget *
template_child (GtkWidget  *widget,
                GType       type,
                const char *id)
{
  return GTK_WIDGET (gtk_widget_get_template_child (widget, type, id));
}

/* RAPPORT_BENCH_ONLY=search,card runs only those measurements. */
static gboolean
wanted (const char *what)
{
  const char *only = g_getenv ("RAPPORT_BENCH_ONLY");
  g_auto(GStrv) parts = only ? g_strsplit (only, ",", -1) : NULL;

  return parts == NULL || g_strv_contains ((const char * const *) parts, what);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *samples,
            double  fraction)
{
  guint index;

  g_array_sort (samples, compare_doubles);
  index = (guint) (fraction * (samples->len - 1) + 0.5);
  return g_array_index (samples, double, index);
}

static void
report (const char *what,
        GArray     *samples,
        const char *goal)
{
  g_print ("%-34s median %7.2f ms   p95 %7.2f ms   (%u runs)   goal: %s\n",
           what, percentile (samples, 0.5), percentile (samples, 0.95), samples->len, goal);
}

/* The processor time of this thread: on a busy machine the clock also
 * counts the waits for a processor. */
static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

/* Processor time of the whole process, the worker threads included:
 * on a busy machine the wall time says more about the others. */
static double
process_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
seed_database (const char *cli,
               const char *path)
{
  g_autofree char *clients = g_strdup_printf ("%d", n_clients);
  g_autofree char *interactions = g_strdup_printf ("%d", n_interactions);
  g_autofree char *orders = g_strdup_printf ("%d", n_orders);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { cli, "--database", path, "seed", "--clients", clients,
                         "--interactions", interactions, "--orders", orders, NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("Seeding failed: %s", error->message);
  g_print ("%-34s %s", "seeding (rapport-cli seed)", out);
}

/* What the database holds, counted in the file itself: the benchmark
 * reports what it measured on, not what it asked for. */
static gint64
count_rows (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
describe (const char *path)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("Cannot open %s: %s", path, sqlite3_errmsg (db));
  g_print ("database: %" G_GINT64_FORMAT " clients, %" G_GINT64_FORMAT " phones and e-mails, %"
           G_GINT64_FORMAT " interactions, %" G_GINT64_FORMAT " orders\n",
           count_rows (db, "SELECT count(*) FROM clients"),
           count_rows (db, "SELECT (SELECT count(*) FROM client_phones) + (SELECT count(*) FROM client_emails)"),
           count_rows (db, "SELECT count(*) FROM interactions"),
           count_rows (db, "SELECT count(*) FROM orders"));
  sqlite3_close (db);
}

/* The window checks the file and makes the day's backup in the
 * background once its first frame is drawn, and the benchmark's data
 * folder is new, so it has none: on a large file that copying and
 * checking takes minutes of a processor. The measurements wait for it,
 * so that the processor time they report is theirs. */
static void
wait_for_daily_backup (const char *path)
{
  gint64 start = g_get_monotonic_time ();

  while (rapport_backups_get_last_time (path) == 0
         && g_get_monotonic_time () - start < 900 * G_USEC_PER_SEC)
    {
      iterate ();
      g_usleep (50000);
    }
  /* What making it sets off (the window's look at the backups) ends. */
  for (guint i = 0; i < 20; i++)
    {
      iterate ();
      g_usleep (10000);
    }
  g_print ("%-34s %.1f s\n", "the day's backup, waited for", elapsed_ms (start) / 1000);
}

/* The list has what the screen shows: all its rows, or the first ones
 * of a search that found many, the rest coming after them. */
static gboolean
list_is_loading (RapportClientList *list)
{
  return rapport_client_list_get_loading (list) && !rapport_client_list_get_partial (list);
}

static void
wait_until_all_in (RapportClientList *list)
{
  while (rapport_client_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  (*(guint *) user_data)++;
}

/* Draws what is pending and returns when the frame is on screen. */
static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint painted = 0;
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);

  gtk_widget_queue_draw (widget);
  while (painted == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
}

typedef struct
{
  gint64 started;
  double total_ms;
} Update;

/* Runs first in every items-changed emission of the list model... */
static gboolean
on_update_begins (GSignalInvocationHint *hint,
                  guint                  n_values,
                  const GValue          *values,
                  gpointer               user_data)
{
  ((Update *) user_data)->started = g_get_monotonic_time ();
  return TRUE;
}

/* ...and this after every handler: the list view, the selection, the page. */
static void
on_update_ends (GListModel *model,
                guint       position,
                guint       removed,
                guint       added,
                Update     *update)
{
  update->total_ms += elapsed_ms (update->started);
}

/* The keystroke that makes the entry's text @prefix: the characters
 * after what it holds, typed at its end. Setting the whole text would
 * empty it first, and GTK's search entry tells an empty search at once. */
static void
type_next (GtkWidget  *entry,
           const char *prefix)
{
  const char *now = gtk_editable_get_text (GTK_EDITABLE (entry));
  int position = g_utf8_strlen (now, -1);

  if (!g_str_has_prefix (prefix, now))
    {
      gtk_editable_set_text (GTK_EDITABLE (entry), prefix);
      return;
    }
  gtk_editable_insert_text (GTK_EDITABLE (entry), prefix + strlen (now), -1, &position);
}

static void
on_row_made (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             guint                    *made)
{
  (*made)++;
}

static void
bench_search (RapportClientsPage *page,
              GtkWidget          *search_entry,
              GtkWidget          *list_view,
              RapportContext     *store)
{
  RapportClientList *list = rapport_clients_page_get_list (page);
  g_autoptr(GArray) work = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) drawn = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) drawn_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  guint signal_id = g_signal_lookup ("items-changed", G_TYPE_LIST_MODEL);
  Update update = { 0 };
  gulong hook = g_signal_add_emission_hook (signal_id, 0, on_update_begins, &update, NULL);
  gulong handler = g_signal_connect_after (list, "items-changed", G_CALLBACK (on_update_ends), &update);
  GtkListItemFactory *factory = gtk_list_view_get_factory (GTK_LIST_VIEW (list_view));
  guint made = 0, keystrokes = 0;
  gulong made_handler = g_signal_connect (factory, "setup", G_CALLBACK (on_row_made), &made);

  for (guint run = 0; run < 5; run++)
    for (guint q = 0; q < G_N_ELEMENTS (typed); q++)
      {
        for (gsize len = 1; len <= strlen (typed[q]); len++)
          {
            g_autofree char *prefix = NULL;
            g_autoptr(GArray) ids = NULL;
            gint64 start;
            double query_ms, ms, cpu_start;

            if ((typed[q][len] & 0xC0) == 0x80)
              continue;   /* inside a UTF-8 character: not a keystroke */
            prefix = g_strndup (typed[q], len);

            /* The query, as the worker runs it. */
            start = g_get_monotonic_time ();
            ids = rapport_client_repository_search_first (rapport_context_get_clients (store), prefix, RAPPORT_CLIENT_SORT_NAME, FALSE, 128, NULL);
            query_ms = elapsed_ms (start);

            /* The keystroke: the entry changes, the search runs in the
             * worker, the model is replaced and the view updated. */
            wait_for_frame (GTK_WIDGET (page));
            update.total_ms = 0;
            start = g_get_monotonic_time ();
            cpu_start = process_cpu_ms ();
            type_next (search_entry, prefix);
            while (list_is_loading (list))
              g_main_context_iteration (NULL, TRUE);
            ms = query_ms + update.total_ms;
            g_array_append_val (work, ms);
            if (g_getenv ("RAPPORT_BENCH_VERBOSE") && ms > 10)
              g_print ("  slow: “%s” query %.1f ms, update %.1f ms, %u listed\n", prefix, query_ms,
                       update.total_ms, g_list_model_get_n_items (G_LIST_MODEL (list)));

            wait_for_frame (GTK_WIDGET (page));
            ms = elapsed_ms (start);
            g_array_append_val (drawn, ms);
            if (g_getenv ("RAPPORT_BENCH_VERBOSE") && ms > 33)
              g_print ("  slow frame: “%s” %.1f ms, processor %.1f ms, %u listed, %u rows made so far\n",
                       prefix, ms, process_cpu_ms () - cpu_start,
                       g_list_model_get_n_items (G_LIST_MODEL (list)), made);
            ms = process_cpu_ms () - cpu_start;
            g_array_append_val (drawn_cpu, ms);
            keystrokes++;
            /* The rest of a long result, before the next keystroke. */
            wait_until_all_in (list);
          }
        gtk_editable_set_text (GTK_EDITABLE (search_entry), "");
        wait_until_all_in (list);
      }

  g_signal_remove_emission_hook (signal_id, hook);
  g_signal_handler_disconnect (list, handler);
  g_signal_handler_disconnect (factory, made_handler);
  report ("  … query + GTK 4.8 list view update", work, "(for reference)");
  report ("  … keystroke to frame on screen", drawn, "p95 < 33 ms");
  report ("  … its processor time", drawn_cpu, "(what a quiet machine would take)");
  g_print ("%-34s %u over %u keystrokes (each typed text ends with the search cleared)\n",
           "  … row widgets made", made, keystrokes);
}

/* Each prefix of each typed text, as keystrokes. */
static GPtrArray *
keystrokes (void)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_free);

  for (guint q = 0; q < G_N_ELEMENTS (typed); q++)
    {
      for (gsize len = 1; len <= strlen (typed[q]); len++)
        if ((typed[q][len] & 0xC0) != 0x80)
          g_ptr_array_add (all, g_strndup (typed[q], len));
      g_ptr_array_add (all, g_strdup (""));
    }
  return all;
}

/* The list model alone: the query in the worker, and the new ids in the
 * model with their items-changed. */
static void
bench_search_model (RapportContext *store)
{
  g_autoptr(RapportClientList) list = rapport_client_list_new (rapport_context_get_clients (store));
  g_autoptr(GPtrArray) typing = keystrokes ();
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all_in = g_array_new (FALSE, FALSE, sizeof (double));

  wait_until_all_in (list);
  for (guint run = 0; run < 5; run++)
    for (guint i = 0; i < typing->len; i++)
      {
        const char *text = g_ptr_array_index (typing, i);
        gint64 start = g_get_monotonic_time ();
        double cpu_start = process_cpu_ms ();
        double ms;

        rapport_client_list_set_search (list, text);
        while (list_is_loading (list))
          g_main_context_iteration (NULL, TRUE);
        ms = elapsed_ms (start);
        if (*text != '\0')
          g_array_append_val (samples, ms);
        ms = process_cpu_ms () - cpu_start;
        if (*text != '\0')
          g_array_append_val (cpu, ms);
        wait_until_all_in (list);
        ms = elapsed_ms (start);
        if (*text != '\0')
          g_array_append_val (all_in, ms);
      }

  report ("search per keystroke (query+model)", samples, "p95 < 10 ms");
  report ("  … its processor time", cpu, "(what a quiet machine would take)");
  report ("  … until every match is in", all_in, "(in the background)");
}

/* The search alone, as the list's worker runs it for each keystroke: its
 * first rows, then every match, as the list asks for the rest. The
 * processor time of the first rows is what the load of the machine
 * inflates least: a thread's own, on one connection. */
static void
bench_search_query (RapportContext *store)
{
  g_autoptr(RapportClientRepository) clients = rapport_client_repository_new (rapport_context_get_database (store));
  g_autoptr(GPtrArray) typing = keystrokes ();
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run < 5; run++)
    for (guint i = 0; i < typing->len; i++)
      {
        const char *text = g_ptr_array_index (typing, i);
        g_autoptr(GArray) first = NULL;
        g_autoptr(GArray) all = NULL;
        double start = thread_cpu_ms (), ms;

        first = rapport_client_repository_search_first (clients, text, RAPPORT_CLIENT_SORT_NAME, FALSE, 128, NULL);
        ms = thread_cpu_ms () - start;
        if (*text != '\0')
          g_array_append_val (cpu, ms);
        if (g_getenv ("RAPPORT_BENCH_VERBOSE") && ms > 8)
          g_print ("  slow query: “%s” %.1f ms of processor time\n", text, ms);
        if (first != NULL && first->len == 128)
          all = rapport_client_repository_search (clients, text, RAPPORT_CLIENT_SORT_NAME, FALSE, NULL);
      }

  report ("search query, first rows: processor", cpu, "p95 < 10 ms");
}

/* Phone numbers typed digit by digit the ways people type them, for a
 * business in Russia: with the trunk prefix 8, with +7, a fragment. */
static const char * const typed_phones[] = {
  "8 916 123 45 67", "89031234567", "+7 495 123-45-67", "+48 601 555 777", "916 12", "0912 345 6789",
};

static void
bench_phones (RapportContext *store)
{
  g_autoptr(RapportClientList) list = rapport_client_list_new (rapport_context_get_clients (store));
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  /* Making every phone's key again, as a change of country does. */
  if (!rapport_client_repository_set_phone_region (rapport_context_get_clients (store), "", &error)
      || !rapport_client_repository_set_phone_region (rapport_context_get_clients (store), "RU", &error))
    g_error ("%s", error->message);
  g_print ("%-34s %.0f ms for two changes of country   goal: once, rarely\n",
           "phone keys made again", elapsed_ms (start));

  for (guint run = 0; run < 5; run++)
    for (guint q = 0; q < G_N_ELEMENTS (typed_phones); q++)
      for (gsize len = 1; len <= strlen (typed_phones[q]); len++)
        {
          g_autofree char *prefix = g_strndup (typed_phones[q], len);
          double ms;

          start = g_get_monotonic_time ();
          rapport_client_list_set_search (list, prefix);
          while (rapport_client_list_get_loading (list))
            g_main_context_iteration (NULL, TRUE);
          ms = elapsed_ms (start);
          g_array_append_val (samples, ms);
        }

  report ("phone search per keystroke", samples, "p95 < 10 ms");
}

static gint64
make_card_client (RapportContext *store)
{
  g_autoptr(RapportClient) client = rapport_client_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  rapport_client_set_given_name (client, "Benchmark");
  rapport_client_set_family_name (client, "Card");
  rapport_client_add_phone (client, "mobile", "+44 20 7946 0000");
  rapport_client_add_email (client, "work", "card@example.com");
  if (!rapport_client_repository_save (rapport_context_get_clients (store), client, &error))
    g_error ("%s", error->message);
  id = rapport_client_get_id (client);

  rapport_database_begin_batch (rapport_context_get_database (store), NULL);
  for (guint i = 0; i < CARD_INTERACTIONS; i++)
    {
      g_autoptr(RapportInteraction) interaction = rapport_interaction_new (id, i % 5);

      rapport_interaction_set_summary (interaction, "Asked about the order");
      rapport_interaction_set_text (interaction, "Wants it delivered on Friday morning, before ten.");
      rapport_interaction_set_occurred_at (interaction, 1700000000 + i * 3600);
      rapport_interaction_repository_add (rapport_context_get_interactions (store), interaction, NULL);
    }
  rapport_database_end_batch (rapport_context_get_database (store), NULL);
  return id;
}

/* A card opened on the Clients page: what it shows first, built and laid
 * out at the width it has on screen, and then everything it shows, once
 * the main loop has made the rest. Each with its processor time. */
typedef struct
{
  GArray *first, *first_cpu, *all, *all_cpu;
} CardSamples;

static void
card_samples_init (CardSamples *samples)
{
  samples->first = g_array_new (FALSE, FALSE, sizeof (double));
  samples->first_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  samples->all = g_array_new (FALSE, FALSE, sizeof (double));
  samples->all_cpu = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
open_card (RapportClientsPage *page,
           gint64              other,
           gint64              card,
           CardSamples        *samples)
{
  GtkWidget *card_view = template_child (GTK_WIDGET (page), RAPPORT_TYPE_CLIENTS_PAGE, "card_stack");
  int width = gtk_widget_get_width (card_view);
  gint64 start;
  double cpu_start, ms, cpu;

  rapport_clients_page_show_client (page, other);
  iterate ();

  start = g_get_monotonic_time ();
  cpu_start = thread_cpu_ms ();
  rapport_clients_page_show_client (page, card);
  gtk_widget_measure (card_view, GTK_ORIENTATION_VERTICAL, width, NULL, NULL, NULL, NULL);
  ms = elapsed_ms (start);
  cpu = thread_cpu_ms () - cpu_start;
  g_array_append_val (samples->first, ms);
  g_array_append_val (samples->first_cpu, cpu);

  iterate ();
  gtk_widget_measure (card_view, GTK_ORIENTATION_VERTICAL, width, NULL, NULL, NULL, NULL);
  ms = elapsed_ms (start);
  cpu = thread_cpu_ms () - cpu_start;
  g_array_append_val (samples->all, ms);
  g_array_append_val (samples->all_cpu, cpu);
}

static void
report_card (const char  *what,
             CardSamples *samples,
             const char  *goal)
{
  report (what, samples->first, goal);
  report ("  … its processor time", samples->first_cpu, "(for reference)");
  report ("  … until every part is in", samples->all, "(for reference)");
  report ("  … its processor time", samples->all_cpu, "(for reference)");
  g_array_unref (samples->first);
  g_array_unref (samples->first_cpu);
  g_array_unref (samples->all);
  g_array_unref (samples->all_cpu);
}

static void
bench_card (RapportClientsPage *page,
            RapportContext     *store)
{
  gint64 card = make_card_client (store);
  gint64 other = rapport_client_list_get_id (rapport_clients_page_get_list (page), 10);
  CardSamples samples;

  card_samples_init (&samples);
  for (guint run = 0; run < 50; run++)
    open_card (page, other, card, &samples);
  report_card ("open a card, 200 interactions", &samples, "< 20 ms");
}

/* Launches @argv until its first frame is drawn, ten times; @cpu gets the
 * processor time each launch used until then, as it reports it. */
static GArray *
time_first_frames (const char * const *argv,
                   GArray            **cpu)
{
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (double));

  *cpu = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint run = 0; run < 10; run++)
    {
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GDataInputStream) out = NULL;
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
      g_autofree char *line = NULL;
      g_autofree char *used = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start;
      double ms, cpu_ms;

      g_subprocess_launcher_setenv (launcher, "RAPPORT_EXIT_AFTER_FIRST_FRAME", "1", TRUE);
      start = g_get_monotonic_time ();
      process = g_subprocess_launcher_spawnv (launcher, argv, &error);
      if (process == NULL)
        g_error ("%s", error->message);
      out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
      line = g_data_input_stream_read_line (out, NULL, NULL, &error);
      ms = elapsed_ms (start);
      if (g_strcmp0 (line, "first-frame") != 0)
        g_error ("%s did not report its first frame", argv[0]);
      used = g_data_input_stream_read_line (out, NULL, NULL, &error);
      cpu_ms = used ? g_ascii_strtod (used, NULL) : 0;
      g_subprocess_wait (process, NULL, NULL);
      g_array_append_val (samples, ms);
      g_array_append_val (*cpu, cpu_ms);
    }
  return samples;
}

/* Rapport's start-up, and a bare libadwaita window with a list beside it:
 * the goal is a ratio, since both depend on the machine. The processor
 * times say what a quiet machine would give. */
static void
bench_startup (const char *app,
               const char *bare,
               const char *path)
{
  const char *app_argv[] = { app, "--database", path, NULL };
  const char *bare_argv[] = { bare, NULL };
  g_autoptr(GArray) rapport_cpu = NULL;
  g_autoptr(GArray) floor_cpu = NULL;
  g_autoptr(GArray) rapport = time_first_frames (app_argv, &rapport_cpu);
  g_autoptr(GArray) floor = time_first_frames (bare_argv, &floor_cpu);
  double ratio, cpu_ratio;

  report ("start-up to the first drawn frame", rapport, "< 1.5 x a bare window");
  report ("  … its processor time", rapport_cpu, "(for reference)");
  report ("  … a bare window with a list", floor, "(the floor)");
  report ("  … its processor time", floor_cpu, "(for reference)");
  ratio = percentile (rapport, 0.5) / percentile (floor, 0.5);
  cpu_ratio = percentile (rapport_cpu, 0.5) / percentile (floor_cpu, 0.5);
  g_print ("%-34s %.2f x (median over median), processor time %.2f x   goal: < 1.5\n",
           "  … Rapport over the bare window", ratio, cpu_ratio);
}

static long
resident_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line ? strtol (line + 6, NULL, 10) : -1;
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

static void
on_row_bound (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              guint8                   *bound)
{
  guint position = gtk_list_item_get_position (item);

  bound[position / 8] |= 1 << (position % 8);
}

static void
mark_shown_rows (GtkWidget         *widget,
                 RapportClientList *list,
                 guint8            *bound)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (RAPPORT_IS_CLIENT_ROW (child))
      {
        RapportClient *client = rapport_client_row_get_client (RAPPORT_CLIENT_ROW (child));
        guint position = client ? rapport_client_list_find (list, rapport_client_get_id (client)) : G_MAXUINT;

        if (position != G_MAXUINT)
          bound[position / 8] |= 1 << (position % 8);
      }
    else
      mark_shown_rows (child, list, bound);
}

/* GTK 4.8's list view binds 200 rows about the place it shows, so a jump
 * of fewer rows than that each frame binds every row on the way: a million
 * rows in some thousands of frames, where a page at a time took tens of
 * thousands. Which rows were bound is counted, not assumed. */
#define SCROLL_STEP_ROWS 150

static void
bench_scroll_memory (RapportClientsPage *page,
                     GtkWidget          *list_view)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  RapportClientList *list = rapport_clients_page_get_list (page);
  GtkListItemFactory *factory = gtk_list_view_get_factory (GTK_LIST_VIEW (list_view));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_autofree guint8 *bound = g_malloc0 (n / 8 + 1);
  gulong handler = g_signal_connect (factory, "bind", G_CALLBACK (on_row_bound), bound);
  guint frames = 0, steps = 0, n_bound = 0;
  gint64 start = g_get_monotonic_time ();
  double cpu_start = process_cpu_ms ();
  guint tick = gtk_widget_add_tick_callback (list_view, on_tick, &frames, NULL);
  double step = gtk_adjustment_get_upper (adjustment) / MAX (n, 1) * SCROLL_STEP_ROWS;
  long before = resident_kb ();

  /* The rows bound before counting began: those that have a row now. */
  mark_shown_rows (list_view, list, bound);
  gtk_adjustment_set_value (adjustment, 0);
  while (TRUE)
    {
      guint drawn = frames;
      double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
      double value = gtk_adjustment_get_value (adjustment);

      if (value >= end - 1)
        break;
      /* A jump, then wait for the frame that shows it. */
      gtk_adjustment_set_value (adjustment, MIN (value + step, end));
      while (frames == drawn)
        g_main_context_iteration (NULL, TRUE);
      steps++;
    }
  gtk_widget_remove_tick_callback (list_view, tick);
  g_signal_handler_disconnect (factory, handler);
  for (guint i = 0; i < n; i++)
    {
      if ((bound[i / 8] >> (i % 8)) & 1)
        n_bound++;
      else if (i - n_bound < 5 && g_getenv ("RAPPORT_BENCH_VERBOSE"))
        g_print ("  not bound: row %u\n", i);
    }

  g_print ("%-34s %ld MB resident after %u jumps of %u rows over %u rows (%u of them bound, %ld MB before) "
           "in %.1f s (%.1f s of processor time; %u clients held)   goal: < 150 MB\n",
           "memory after scrolling every row", resident_kb () / 1024, steps, SCROLL_STEP_ROWS, n, n_bound,
           before / 1024, elapsed_ms (start) / 1000.0, (process_cpu_ms () - cpu_start) / 1000.0,
           rapport_client_list_get_n_cached (list));
}

/* Orders: what the Orders page, an order, a client card and an invoice
 * wait for in the core, under their widgets. */
typedef struct
{
  RapportContext *context;
  RapportWindow  *window;
  gint64          big_order;    /* the newest order, with BIG_ORDER_LINES lines */
  gint64          big_account;  /* its client, with BIG_ACCOUNT_ORDERS orders */
  gint64          small_order;  /* an order of a few lines: a one-page invoice */
  char           *newest_day;   /* the big order's day, YYYY-MM-DD */
  char           *number;       /* a number from the middle of the list, to type */
  char           *name;         /* the big account's name, to type */
} OrdersBench;

static void
orders_bench_clear (OrdersBench *bench)
{
  g_clear_pointer (&bench->newest_day, g_free);
  g_clear_pointer (&bench->number, g_free);
  g_clear_pointer (&bench->name, g_free);
}

static RapportOrder *
get_order (OrdersBench *bench,
           gint64       id)
{
  g_autoptr(GError) error = NULL;
  RapportOrder *order = rapport_order_repository_get (rapport_context_get_orders (bench->context), id, &error);

  if (order == NULL)
    g_error ("%s", error->message);
  return order;
}

static GArray *
search_orders (OrdersBench              *bench,
               const RapportOrderFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = rapport_order_repository_search (rapport_context_get_orders (bench->context), filter, &error);

  if (ids == NULL)
    g_error ("%s", error->message);
  return ids;
}

/* The sample data's newest order is the big account's big one. */
static void
find_orders (OrdersBench *bench)
{
  g_autoptr(RapportOrderFilter) filter = rapport_order_filter_copy (NULL);
  g_autoptr(GArray) ids = search_orders (bench, filter);
  g_autoptr(GArray) account = NULL;
  g_autoptr(RapportOrder) big = NULL;
  g_autoptr(RapportOrder) middle = NULL;
  g_autoptr(RapportClient) client = NULL;

  if (ids->len < 2)
    g_error ("The database has no orders: remove it and let the benchmark make it again.");
  big = get_order (bench, g_array_index (ids, gint64, 0));
  if (rapport_order_get_lines (big)->len != BIG_ORDER_LINES)
    g_error ("The newest order has %u lines, not %d: the database was not made by this "
             "version's rapport-cli seed; remove it.", rapport_order_get_lines (big)->len, BIG_ORDER_LINES);
  bench->big_order = rapport_order_get_id (big);
  bench->big_account = rapport_order_get_client_id (big);
  bench->newest_day = g_strdup (rapport_order_get_ordered_on (big));

  filter->client_id = bench->big_account;
  account = search_orders (bench, filter);
  if (account->len != BIG_ACCOUNT_ORDERS)
    g_error ("The big account has %u orders, not %d: remove the database.", account->len, BIG_ACCOUNT_ORDERS);

  for (guint i = 1; i < ids->len && bench->small_order == 0; i++)
    {
      g_autoptr(RapportOrder) order = get_order (bench, g_array_index (ids, gint64, i));

      if (rapport_order_get_lines (order)->len >= 3)
        bench->small_order = rapport_order_get_id (order);
    }

  middle = get_order (bench, g_array_index (ids, gint64, ids->len / 2));
  bench->number = g_strdup (rapport_order_get_number (middle));
  client = rapport_client_repository_get (rapport_context_get_clients (bench->context), bench->big_account, NULL);
  bench->name = g_strdup (rapport_client_get_display_name (client));

  g_print ("orders: the newest has %u lines; its client %" G_GINT64_FORMAT " has %u orders; typing “%s” and “%s”\n",
           rapport_order_get_lines (big)->len, bench->big_account, account->len, bench->number, bench->name);
}

static void
wait_for_orders (RapportOrderList *list)
{
  while (rapport_order_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

/* Until the list shows its filter's rows: the newest while it reads the
 * rest, or all of them. */
static void
wait_for_first_orders (RapportOrderList *list)
{
  while (rapport_order_list_get_loading (list) && !rapport_order_list_get_partial (list))
    g_main_context_iteration (NULL, TRUE);
}

/* What a view asks for first: the rows of its first screen. */
void
bench_load_first_rows (GListModel *list)
{
  guint n = MIN (FIRST_ROWS, g_list_model_get_n_items (list));

  for (guint i = 0; i < n; i++)
    g_object_unref (g_list_model_get_item (list, i));
}

/* The Orders list as the page opens it: all orders, newest first, until
 * the first screen of rows is read, and until all the ids are in. */
static void
bench_orders_list (OrdersBench *bench)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all_in = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run < 20; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(RapportOrderList) list = rapport_order_list_new (rapport_context_get_orders (bench->context));
      double ms;

      wait_for_first_orders (list);
      bench_load_first_rows (G_LIST_MODEL (list));
      ms = elapsed_ms (start);
      g_array_append_val (samples, ms);
      wait_for_orders (list);
      ms = elapsed_ms (start);
      g_array_append_val (all_in, ms);
    }

  report ("Orders list: all, first rows", samples, "< 300 ms (with the page)");
  report ("  … until all ids are in", all_in, "(for reference)");
}

typedef struct
{
  const char *what;
  GArray     *samples;
} FilterSeries;

/* A filter's first screen of rows, and its last id. */
static double
apply_filter (RapportOrderList         *list,
              const RapportOrderFilter *filter,
              GArray                   *all_in)
{
  gint64 start = g_get_monotonic_time ();
  double ms, all_ms;

  rapport_order_list_set_filter (list, filter);
  wait_for_first_orders (list);
  bench_load_first_rows (G_LIST_MODEL (list));
  ms = elapsed_ms (start);
  wait_for_orders (list);
  all_ms = elapsed_ms (start);
  g_array_append_val (all_in, all_ms);

  if (g_getenv ("RAPPORT_BENCH_VERBOSE") && ms > 100)
    g_print ("  slow filter: statuses %#x, unpaid %d, %s to %s, “%s”: %.1f ms, %u listed\n",
             filter->statuses, filter->unpaid_only, filter->from ? filter->from : "…",
             filter->to ? filter->to : "…", filter->text ? filter->text : "",
             ms, g_list_model_get_n_items (G_LIST_MODEL (list)));
  return ms;
}

typedef struct
{
  RapportOrderList *list;
  GArray           *all;     /* every change's first rows */
  GArray           *all_in;  /* every change's last id */
} Filtering;

static void
measure_filter (Filtering                *filtering,
                const RapportOrderFilter *filter,
                GArray                   *samples)
{
  double ms = apply_filter (filtering->list, filter, filtering->all_in);

  g_array_append_val (samples, ms);
  g_array_append_val (filtering->all, ms);
}

/* Types @text into the search, a keystroke at a time. */
static void
measure_typing (Filtering  *filtering,
                const char *text,
                GArray     *samples)
{
  for (gsize len = 1; len <= strlen (text); len++)
    if ((text[len] & 0xC0) != 0x80)
      {
        g_autofree char *prefix = g_strndup (text, len);
        RapportOrderFilter filter = { .text = prefix };

        measure_filter (filtering, &filter, samples);
      }
}

/* Each filter the page offers, changed on an open list as a person
 * clicks and types: until the first screen of the new rows is read. */
static void
bench_orders_filter (OrdersBench *bench)
{
  g_autoptr(RapportOrderList) list = rapport_order_list_new (rapport_context_get_orders (bench->context));
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all_in = g_array_new (FALSE, FALSE, sizeof (double));
  Filtering filtering = { list, all, all_in };
  FilterSeries series[] = { { "  … a status" }, { "  … unpaid only" }, { "  … a month, a year" },
                            { "  … all orders again" }, { "  … typing an order number" },
                            { "  … typing a client's name" } };
  g_autofree char *year = g_strndup (bench->newest_day, 4);
  g_autofree char *month = g_strndup (bench->newest_day, 7);
  g_autofree char *last_year = g_strdup_printf ("%d", atoi (year) - 1);
  g_autofree char *month_start = g_strconcat (month, "-01", NULL);
  g_autofree char *year_start = g_strconcat (last_year, "-01-01", NULL);
  g_autofree char *year_end = g_strconcat (last_year, "-12-31", NULL);
  const RapportOrderFilter nothing = { 0 };
  const RapportOrderFilter unpaid = { .unpaid_only = TRUE };
  const RapportOrderFilter this_month = { .from = month_start, .to = bench->newest_day };
  const RapportOrderFilter a_year = { .from = year_start, .to = year_end };
  const RapportOrderFilter unpaid_year = { .unpaid_only = TRUE, .from = year_start, .to = year_end };

  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    series[i].samples = g_array_new (FALSE, FALSE, sizeof (double));
  wait_for_orders (list);

  for (guint run = 0; run < 3; run++)
    {
      for (RapportOrderStatus status = RAPPORT_ORDER_DRAFT; status <= RAPPORT_ORDER_CANCELLED; status++)
        {
          RapportOrderFilter one = { .statuses = 1u << status };

          measure_filter (&filtering, &one, series[0].samples);
        }
      measure_filter (&filtering, &nothing, series[3].samples);
      measure_filter (&filtering, &unpaid, series[1].samples);
      measure_filter (&filtering, &unpaid_year, series[1].samples);
      measure_filter (&filtering, &nothing, series[3].samples);
      measure_filter (&filtering, &this_month, series[2].samples);
      measure_filter (&filtering, &a_year, series[2].samples);
      measure_filter (&filtering, &nothing, series[3].samples);
      measure_typing (&filtering, bench->number, series[4].samples);
      measure_filter (&filtering, &nothing, series[3].samples);
      measure_typing (&filtering, bench->name, series[5].samples);
      measure_filter (&filtering, &nothing, series[3].samples);
    }

  report ("Orders list: changing a filter", all, "< 100 ms");
  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    {
      report (series[i].what, series[i].samples, "< 100 ms");
      g_array_unref (series[i].samples);
    }
  report ("  … until all ids are in", all_in, "(for reference)");
}

/* Opening the big order: the order with its 50 lines. */
static void
bench_order_open (OrdersBench *bench)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run < 50; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(RapportOrder) order = get_order (bench, bench->big_order);
      double ms = elapsed_ms (start);

      g_assert_cmpuint (rapport_order_get_lines (order)->len, ==, BIG_ORDER_LINES);
      g_array_append_val (samples, ms);
    }

  report ("open an order, 50 lines", samples, "< 20 ms (with the editor)");
}

/* The big account's card: its figures and its newest orders. */
static void
bench_order_card (OrdersBench *bench)
{
  RapportOrderRepository *orders = rapport_context_get_orders (bench->context);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run < 50; run++)
    {
      g_auto(RapportClientOrdersSummary) summary = { 0 };
      g_autoptr(GPtrArray) newest = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (!rapport_order_repository_summarize_client (orders, bench->big_account, &summary, &error))
        g_error ("%s", error->message);
      newest = rapport_order_repository_list_for_client (orders, bench->big_account, 0, CARD_ORDERS, &error);
      if (newest == NULL)
        g_error ("%s", error->message);
      ms = elapsed_ms (start);
      g_array_append_val (samples, ms);
    }

  report ("a client's orders, newest 25", samples, "< 30 ms (with the card)");
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A business as an invoice shows it, with a logo. */
static void
set_up_business (OrdersBench *bench)
{
  RapportBusinessRepository *repository = rapport_context_get_business (bench->context);
  g_autoptr(RapportBusiness) business = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) png = g_byte_array_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 240, 112);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.2, 0.4, 0.7);
  cairo_arc (cr, 56, 56, 48, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_png, png);
  cairo_surface_destroy (surface);

  business = rapport_business_repository_get (repository, &error);
  if (business == NULL)
    g_error ("%s", error->message);
  g_free (business->name);
  business->name = g_strdup ("Benchmark Phones & Repairs");
  g_free (business->address);
  business->address = g_strdup ("12 High Street\nLondon N1 9GU");
  g_free (business->tax_number);
  business->tax_number = g_strdup ("GB 123 4567 89");
  g_clear_pointer (&business->logo, g_bytes_unref);
  business->logo = g_byte_array_free_to_bytes (g_steal_pointer (&png));
  if (!rapport_business_repository_save (repository, business, &error))
    g_error ("%s", error->message);
}

/* What writing an invoice takes: the order, its client and the business
 * read, laid out and written as PDF. */
static double
write_invoice (OrdersBench *bench,
               const char  *path)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(RapportOrder) order = get_order (bench, bench->small_order);
  g_autoptr(RapportClient) client = NULL;
  g_autoptr(RapportBusiness) business = NULL;
  g_autoptr(RapportInvoice) invoice = NULL;
  g_autoptr(GError) error = NULL;

  client = rapport_client_repository_get (rapport_context_get_clients (bench->context),
                                          rapport_order_get_client_id (order), &error);
  if (client == NULL)
    g_error ("%s", error->message);
  business = rapport_business_repository_get (rapport_context_get_business (bench->context), &error);
  if (business == NULL)
    g_error ("%s", error->message);
  invoice = rapport_invoice_new (order, business, client);
  if (!rapport_invoice_write_pdf (invoice, path, &error))
    g_error ("%s", error->message);
  return elapsed_ms (start);
}

static guint
count_pages (OrdersBench *bench)
{
  g_autoptr(RapportOrder) order = get_order (bench, bench->small_order);
  g_autoptr(RapportBusiness) business = rapport_business_repository_get (rapport_context_get_business (bench->context), NULL);
  g_autoptr(RapportInvoice) invoice = rapport_invoice_new (order, business, NULL);
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  guint pages = rapport_invoice_paginate (invoice, cr, A4_WIDTH, A4_HEIGHT);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return pages;
}

static void
bench_invoice (OrdersBench *bench)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rapport-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  double first;

  g_assert_no_error (error);
  path = g_build_filename (dir, "invoice.pdf", NULL);
  set_up_business (bench);
  g_assert_cmpuint (count_pages (bench), ==, 1);

  /* The first of a session, for reference. */
  first = write_invoice (bench, path);
  for (guint run = 0; run < 20; run++)
    {
      double ms = write_invoice (bench, path);
      g_array_append_val (samples, ms);
    }
  g_remove (path);
  g_rmdir (dir);

  report ("one-page invoice as PDF", samples, "< 100 ms");
  g_print ("%-34s %7.2f ms   (for reference)\n", "  … the first one", first);
}

/* The Orders page as the window opens it: a new page shown, until its
 * first screen of rows is drawn. */
static void
bench_orders_page (OrdersBench *bench)
{
  GtkStack *pages = GTK_STACK (template_child (GTK_WIDGET (bench->window), RAPPORT_TYPE_WINDOW, "pages"));
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run < 10; run++)
    {
      gint64 start = g_get_monotonic_time ();
      RapportOrdersPage *page = rapport_orders_page_new (bench->context);
      RapportOrderList *list = rapport_orders_page_get_list (page);
      double ms;

      gtk_stack_add_named (pages, GTK_WIDGET (page), "bench-orders");
      gtk_stack_set_visible_child (pages, GTK_WIDGET (page));
      wait_for_first_orders (list);
      wait_for_frame (GTK_WIDGET (page));
      ms = elapsed_ms (start);
      g_array_append_val (samples, ms);

      wait_for_orders (list);
      gtk_stack_remove (pages, GTK_WIDGET (page));
      iterate ();
    }

  report ("Orders page: shown, first rows drawn", samples, "< 300 ms");
}

/* The order window for the big order: its 50 lines built and laid out at
 * the window's width (as the card is measured), and shown in a new window
 * until drawn. */
static void
bench_order_editor (OrdersBench *bench)
{
  g_autoptr(GArray) laid_out = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) drawn = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run < 10; run++)
    {
      gint64 start = g_get_monotonic_time ();
      RapportOrderEditor *editor = rapport_order_editor_new_open (bench->context, bench->big_order);
      GtkWidget *content = adw_window_get_content (ADW_WINDOW (editor));
      double ms;

      gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, 720, NULL, NULL, NULL, NULL);
      ms = elapsed_ms (start);
      g_array_append_val (laid_out, ms);

      gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (bench->window));
      gtk_window_present (GTK_WINDOW (editor));
      wait_for_frame (GTK_WIDGET (editor));
      ms = elapsed_ms (start);
      g_array_append_val (drawn, ms);
      gtk_window_destroy (GTK_WINDOW (editor));
      iterate ();
    }

  report ("order window, 50 lines, laid out", laid_out, "< 20 ms (goal for opening an order)");
  report ("  … in a new window, drawn", drawn, "(for reference)");
}

/* The big account's card on the Clients page, with its orders; and its
 * orders group alone, built and laid out. */
static void
bench_order_card_view (OrdersBench *bench)
{
  GtkStack *pages = GTK_STACK (template_child (GTK_WIDGET (bench->window), RAPPORT_TYPE_WINDOW, "pages"));
  RapportClientsPage *page = RAPPORT_CLIENTS_PAGE (gtk_stack_get_child_by_name (pages, "clients"));
  GtkWidget *card_view = template_child (GTK_WIDGET (page), RAPPORT_TYPE_CLIENTS_PAGE, "card_stack");
  gint64 other = rapport_client_list_get_id (rapport_clients_page_get_list (page), 10);
  g_autoptr(GArray) group = g_array_new (FALSE, FALSE, sizeof (double));
  CardSamples samples;

  card_samples_init (&samples);
  gtk_stack_set_visible_child (pages, GTK_WIDGET (page));
  for (guint run = 0; run < 30; run++)
    {
      int width = gtk_widget_get_width (card_view);
      RapportClientOrders *orders;
      g_autoptr(GError) error = NULL;
      gint64 start;
      double ms;

      open_card (page, other, bench->big_account, &samples);

      orders = g_object_ref_sink (g_object_new (RAPPORT_TYPE_CLIENT_ORDERS, NULL));
      start = g_get_monotonic_time ();
      rapport_client_orders_set_context (orders, bench->context);
      if (!rapport_client_orders_set_client_id (orders, bench->big_account, &error))
        g_error ("%s", error->message);
      gtk_widget_measure (GTK_WIDGET (orders), GTK_ORIENTATION_VERTICAL, width, NULL, NULL, NULL, NULL);
      ms = elapsed_ms (start);
      g_array_append_val (group, ms);
      g_object_unref (orders);
    }

  report_card ("card of a client with 500 orders", &samples, "< 20 ms");
  report ("  … its orders alone", group, "(for reference)");
}

/* Each measurement of orders, by the name RAPPORT_BENCH_ONLY knows it by.
 * The Orders page's own measurements (a click to the drawn list) go in
 * this list beside the core's they stand on; bench->window holds the page. */
static const struct
{
  const char *name;
  void      (*run) (OrdersBench *bench);
} orders_measurements[] = {
  { "orders-list", bench_orders_list },
  { "orders-filter", bench_orders_filter },
  { "order-open", bench_order_open },
  { "order-card", bench_order_card },
  { "invoice", bench_invoice },
  { "orders-page", bench_orders_page },
  { "order-editor", bench_order_editor },
  { "order-card-view", bench_order_card_view },
};

static void
bench_orders (RapportContext *context,
              RapportWindow  *window)
{
  OrdersBench bench = { context, window };
  gboolean any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (orders_measurements); i++)
    any |= wanted (orders_measurements[i].name);
  if (!any)
    return;

  find_orders (&bench);
  for (guint i = 0; i < G_N_ELEMENTS (orders_measurements); i++)
    if (wanted (orders_measurements[i].name))
      orders_measurements[i].run (&bench);
  orders_bench_clear (&bench);
}

/* Backing up, checking and restoring the whole database, as the daily
 * backup, the check after opening and a restore do. */
static void
bench_backup (RapportDatabase *database)
{
  g_autoptr(GArray) backup = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) quick = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) full = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) restore = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(RapportBackup) made = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 5; i++)
    {
      gint64 started = g_get_monotonic_time ();
      double ms;

      g_clear_object (&made);
      made = rapport_backups_make (database, RAPPORT_BACKUP_BEFORE_CHANGE, NULL, &error);
      if (made == NULL)
        g_error ("%s", error->message);
      ms = elapsed_ms (started);
      g_array_append_val (backup, ms);
    }
  report ("backup (online copy, checked)", backup, "off the main thread");

  for (guint i = 0; i < 3; i++)
    {
      gint64 started = g_get_monotonic_time ();
      double ms;

      if (!rapport_database_check (database, FALSE, &error))
        g_error ("%s", error->message);
      ms = elapsed_ms (started);
      g_array_append_val (quick, ms);
    }
  report ("quick check after opening", quick, "off the main thread");

  {
    gint64 started = g_get_monotonic_time ();
    double ms;

    if (!rapport_database_check (database, TRUE, &error))
      g_error ("%s", error->message);
    ms = elapsed_ms (started);
    g_array_append_val (full, ms);
    report ("full integrity check (rapport-cli check)", full, "");
  }

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(RapportBackup) kept = NULL;
      gint64 started = g_get_monotonic_time ();
      double ms;

      if (!rapport_backups_restore (database, rapport_backup_get_path (made), NULL, &kept, &error))
        g_error ("%s", error->message);
      ms = elapsed_ms (started);
      g_array_append_val (restore, ms);
    }
  report ("restore (kept first, checked, copied in)", restore, "");
}

typedef struct
{
  gint64   started;
  double  *ms;
  gboolean done;
} Wait;

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *wait = user_data;
  g_autoptr(GError) error = NULL;

  if (!rapport_client_repository_save_finish (RAPPORT_CLIENT_REPOSITORY (source), result, &error))
    g_error ("A write from the window failed: %s", error->message);
  *wait->ms = elapsed_ms (wait->started);
  wait->done = TRUE;
}

static void
on_seeded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* How long a save from the window waits while another program writes
 * sample data as fast as it can: goal under a second, none failing. The
 * first saves follow each other closely, so the seed commits short steps;
 * the later ones come every few seconds, each meeting a step that went on
 * for as long as no one waited (rapport_database_yield_batch()). With
 * RAPPORT_BENCH_WAIT_COPY=1 the seed writes its clients (no interactions)
 * into a copy of the benchmark's file instead of a new one, and the saves
 * start once it has committed its first clients (it checks the whole file
 * first, and a save meanwhile would not wait). */
#define WAIT_CLOSE_SAVES 60
#define WAIT_CLOSE_GAP_US 37000
#define WAIT_SPACED_GAP_US (3 * G_USEC_PER_SEC)

static gint64
largest_client_id (const char *path)
{
  sqlite3 *db = NULL;
  gint64 id = 0;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 1000);
      id = count_rows (db, "SELECT coalesce(max(id), 0) FROM clients");
    }
  sqlite3_close (db);
  return id;
}

static void
bench_wait (const char *cli,
            const char *bench_path,
            const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "wait.db", NULL);
  g_autoptr(RapportDatabase) database = NULL;
  g_autoptr(RapportClientRepository) clients = NULL;
  g_autoptr(GArray) close = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) spaced = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GSubprocess) seeder = NULL;
  g_autoptr(GError) error = NULL;
  gboolean into_copy = g_strcmp0 (g_getenv ("RAPPORT_BENCH_WAIT_COPY"), "1") == 0;
  gboolean seeded = FALSE;
  double longest = 0;
  gint64 first_id = 0;

  if (into_copy)
    {
      g_autofree char *command = g_strdup_printf ("cp --reflink=auto '%s' '%s'", bench_path, path);

      if (system (command) != 0)
        g_error ("Could not copy %s", bench_path);
      first_id = largest_client_id (path);
    }
  database = rapport_database_open (path, RAPPORT_DATABASE_DEFAULT, NULL);
  clients = rapport_client_repository_new (database);
  seeder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, cli, "--database", path,
                             "seed", "--clients", "60000",
                             "--interactions", into_copy ? "0" : "100000", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (seeder, NULL, on_seeded, &seeded);
  g_usleep (500000);
  while (into_copy && !seeded && largest_client_id (path) == first_id)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (50000);
    }
  while (!seeded)
    {
      g_autoptr(RapportClient) client = rapport_client_new ();
      gboolean is_close = close->len < WAIT_CLOSE_SAVES;
      gint64 gap = is_close ? WAIT_CLOSE_GAP_US : WAIT_SPACED_GAP_US;
      double ms = 0;
      Wait wait = { g_get_monotonic_time (), &ms, FALSE };

      rapport_client_set_given_name (client, "Waiting");
      rapport_client_repository_save_async (clients, client, NULL, on_saved, &wait);
      while (!wait.done)
        g_main_context_iteration (NULL, TRUE);
      g_array_append_val (is_close ? close : spaced, ms);
      longest = MAX (longest, ms);
      /* The seed goes on meanwhile; its end is seen between saves. */
      for (gint64 until = g_get_monotonic_time () + gap; !seeded && g_get_monotonic_time () < until; )
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (MIN (gap, 20000));
        }
    }
  report ("a save while another program seeds", close, "< 1000 ms, none failing");
  if (spaced->len > 0)
    report ("… a save every 3 s meanwhile", spaced, "< 1000 ms, none failing");
  g_print ("%-34s %.0f ms\n", "… the longest", longest);
  g_clear_object (&clients);
  g_clear_object (&database);
  bench_remove_database (path);
}

typedef struct
{
  guint  n_changes;
  gint64 changed;   /* when the list last told a change */
  gint64 told;      /* when the database last told a client's change */
} SaveShown;

static void
on_list_changed (GListModel *model,
                 guint       position,
                 guint       removed,
                 guint       added,
                 SaveShown  *shown)
{
  shown->n_changes++;
  shown->changed = g_get_monotonic_time ();
}

static void
on_slot_shown (RapportClientSlot *slot,
               GParamSpec        *pspec,
               SaveShown         *shown)
{
  on_list_changed (NULL, 0, 0, 0, shown);
}

/* Runs before every handler of the database's change notice. */
static gboolean
on_change_told (GSignalInvocationHint *hint,
                guint                  n_values,
                const GValue          *values,
                gpointer               user_data)
{
  SaveShown *shown = user_data;

  if (g_strcmp0 (g_value_get_string (&values[1]), RAPPORT_KIND_CLIENT) == 0)
    shown->told = g_get_monotonic_time ();
  return TRUE;
}

/* A client renamed from the window (so that it moves in the name order),
 * until the list of all clients shows it where it now belongs: from the
 * commit being told, and from the save's start. The Orders list is open
 * too, as in the window, sharing the reader connection. */
static void
bench_save_shows (RapportContext *store)
{
  RapportClientRepository *clients = rapport_context_get_clients (store);
  g_autoptr(RapportClientList) list = rapport_client_list_new (clients);
  g_autoptr(RapportOrderList) orders = rapport_order_list_new (rapport_context_get_orders (store));
  g_autoptr(GArray) from_commit = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) from_save = g_array_new (FALSE, FALSE, sizeof (double));
  SaveShown shown = { 0 };
  guint signal_id = g_signal_lookup ("changed", RAPPORT_TYPE_DATABASE);
  g_autoptr(RapportClientSlot) held = NULL;
  gulong hook;
  guint reloads;

  wait_until_all_in (list);
  while (rapport_order_list_get_loading (orders))
    g_main_context_iteration (NULL, TRUE);
  reloads = _rapport_client_list_get_n_reloads (list);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_list_changed), &shown);
  hook = g_signal_add_emission_hook (signal_id, 0, on_change_told, &shown, NULL);
  for (guint run = 0; run < 20; run++)
    {
      gint64 id = rapport_client_list_get_id (list, (g_list_model_get_n_items (G_LIST_MODEL (list)) / 20) * run);
      g_autoptr(GError) error = NULL;
      g_autoptr(RapportClient) client = rapport_client_repository_get (clients, id, &error);
      g_autofree char *family = NULL;
      double ms = 0;
      Wait wait = { g_get_monotonic_time (), &ms, FALSE };

      if (client == NULL)
        g_error ("%s", error->message);
      family = g_strconcat ("A", rapport_client_get_family_name (client), NULL);
      rapport_client_set_family_name (client, family);
      /* Held as a view holds the rows it shows: a client that stays in
       * its place is shown anew in it, with no items-changed. */
      g_clear_object (&held);
      held = g_list_model_get_item (G_LIST_MODEL (list), rapport_client_list_find (list, id));
      g_signal_connect (held, "notify::client", G_CALLBACK (on_slot_shown), &shown);
      shown.n_changes = 0;
      shown.told = 0;
      rapport_client_repository_save_async (clients, client, NULL, on_saved, &wait);
      while (!wait.done)
        g_main_context_iteration (NULL, TRUE);
      while (shown.n_changes == 0 || rapport_client_list_get_loading (list))
        g_main_context_iteration (NULL, TRUE);
      ms = (shown.changed - shown.told) / 1000.0;
      g_array_append_val (from_commit, ms);
      ms = (shown.changed - wait.started) / 1000.0;
      g_array_append_val (from_save, ms);
      /* A person saves once in a while: what the save sets off after it
       * (the window's look at the file) ends before the next. */
      for (guint i = 0; i < 40 || rapport_client_list_get_loading (list) || rapport_order_list_get_loading (orders); i++)
        {
          while (g_main_context_iteration (NULL, FALSE))
            ;
          g_usleep (10000);
        }
    }
  g_signal_remove_emission_hook (signal_id, hook);
  g_signal_handlers_disconnect_by_func (list, on_list_changed, &shown);

  report ("a save until the list shows it", from_commit, "< 16 ms from the commit");
  report ("  … from the save's start", from_save, "(for reference)");
  g_print ("%-34s %u times after 20 saves\n", "… the list read again", _rapport_client_list_get_n_reloads (list) - reloads);
}

/* Sets the business's country as Preferences does, on the worker, and
 * says how long every phone's key took to make again and what the
 * process holds after it. */
static void
change_region (RapportClientRepository *clients,
               const char              *region,
               const char              *what)
{
  double ms = 0, cpu = process_cpu_ms ();
  Wait wait = { g_get_monotonic_time (), &ms, FALSE };
  long before = resident_kb ();

  rapport_client_repository_set_phone_region_async (clients, region, NULL, on_saved, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_print ("%-34s %.1f s (%.1f s of processor time); %ld MB resident before, %ld MB after   goal: < 150 MB\n",
           what, ms / 1000, (process_cpu_ms () - cpu) / 1000, before / 1024, resident_kb () / 1024);
}

/* A change of country makes every phone's match key again: at a million
 * clients the keys that change, held while they are written, and the
 * index sorted anew. Then back, leaving the file as it was. */
static void
bench_region_change (RapportContext *store)
{
  RapportClientRepository *clients = rapport_context_get_clients (store);
  g_autofree char *region = rapport_client_repository_dup_phone_region (clients, NULL);
  const char *other = g_strcmp0 (region, "IR") == 0 ? "RU" : "IR";

  g_assert_nonnull (region);
  change_region (clients, other, "a change of the business's country");
  change_region (clients, region, "  … and back");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmpdir = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportDatabase) database = NULL;
  g_autoptr(RapportContext) context = NULL;
  g_autoptr(AdwApplication) app = NULL;
  RapportWindow *window;
  RapportClientsPage *page;
  GtkStack *pages;
  GtkWidget *search_entry, *list_view;

  GOptionEntry entries[] = {
    { "clients", 0, 0, G_OPTION_ARG_INT, &n_clients, "Clients of a new database", "N" },
    { "interactions", 0, 0, G_OPTION_ARG_INT, &n_interactions, "Interactions of a new database", "N" },
    { "orders", 0, 0, G_OPTION_ARG_INT, &n_orders, "Orders of a new database", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("RAPPORT-CLI RAPPORT BARE-WINDOW");

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || argc != 4
      || n_clients < 0 || n_interactions < 0 || n_orders < 0)
    g_error ("usage: bench [--clients N] [--interactions N] [--orders N] RAPPORT-CLI RAPPORT BARE-WINDOW");

  /* Backups go to a data folder of the benchmark's own, never the
   * person's. */
  data_home = g_dir_make_tmp ("rapport-bench-data-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  gtk_init ();
  adw_init ();
  rapport_gui_init ();

  if (g_getenv ("RAPPORT_BENCH_DB") != NULL)
    path = g_strdup (g_getenv ("RAPPORT_BENCH_DB"));
  else
    {
      tmpdir = g_dir_make_tmp ("rapport-bench-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (tmpdir, "bench.db", NULL);
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    seed_database (argv[1], path);

  database = rapport_database_open (path, RAPPORT_DATABASE_DEFAULT, &error);
  if (database == NULL)
    g_error ("%s", error->message);
  context = rapport_context_new (database, g_settings_new ("io.github.rapportcrm.Rapport"));
  describe (path);
  /* First, while the file is as it was opened: it is copied. */
  bench_bulk (path, wanted);

  if (wanted ("reminders"))
    bench_reminders (path, report);
  if (wanted ("campaigns"))
    bench_campaigns (database, report);
  if (wanted ("startup"))
    bench_startup (argv[2], argv[3], path);
  if (wanted ("backup"))
    bench_backup (database);
  if (wanted ("wait"))
    bench_wait (argv[1], path, data_home);
  bench_contacts (database, wanted, report);
  bench_analytics (database, wanted, report);

  app = adw_application_new ("io.github.rapportcrm.Rapport.Bench", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = rapport_window_new (GTK_APPLICATION (app), context);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-clients", NULL);
  for (guint i = 0; i < 20; i++)
    {
      iterate ();
      g_usleep (10000);
    }

  pages = GTK_STACK (template_child (GTK_WIDGET (window), RAPPORT_TYPE_WINDOW, "pages"));
  page = RAPPORT_CLIENTS_PAGE (gtk_stack_get_child_by_name (pages, "clients"));
  search_entry = template_child (GTK_WIDGET (page), RAPPORT_TYPE_CLIENTS_PAGE, "search_entry");
  list_view = template_child (GTK_WIDGET (page), RAPPORT_TYPE_CLIENTS_PAGE, "list_view");
  wait_for_daily_backup (path);

  if (wanted ("search") || wanted ("search-query"))
    bench_search_query (context);
  if (wanted ("search") || wanted ("search-model"))
    bench_search_model (context);
  if (wanted ("search") || wanted ("search-view"))
    bench_search (page, search_entry, list_view, context);
  if (wanted ("phones"))
    bench_phones (context);
  if (wanted ("save"))
    bench_save_shows (context);
  if (wanted ("card"))
    bench_card (page, context);
  if (wanted ("memory"))
    bench_scroll_memory (page, list_view);
  if (wanted ("region"))
    bench_region_change (context);
  bench_orders (context, window);
  bench_deliveries (context, wanted, report);

  gtk_window_destroy (GTK_WINDOW (window));
  if (tmpdir != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_remove (path);
      g_remove (wal);
      g_remove (shm);
      g_rmdir (tmpdir);
    }
  {
    g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", data_home);
    if (system (rm) != 0)
      g_printerr ("Could not remove %s\n", data_home);
  }
  return 0;
}
