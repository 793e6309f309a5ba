/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The benchmark: builds a database of 100,000 clients and 1,000,000
 * interactions and measures what a person waits for. Run it with
 *   meson test -C _build --benchmark --suite bench -v
 * in a graphical or headless session. Figures go to standard output.
 *
 * Arguments: RAPPORT-CLI RAPPORT. RAPPORT_BENCH_DB=FILE reuses (or keeps)
 * the database instead of a temporary one; RAPPORT_BENCH_ONLY=search,card
 * runs only some measurements (startup, search, phones, card, memory,
 * reminders, backup, wait); RAPPORT_BENCH_VERBOSE=1 names the slow keystrokes. */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-reminders.h"
#include "rapport-backups.h"
#include "rapport-clients-page.h"
#include "rapport-gui.h"
#include "rapport-window.h"

#define N_CLIENTS 100000
#define N_INTERACTIONS 1000000
#define CARD_INTERACTIONS 200
#define SEED 7

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

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
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
  g_autofree char *clients = g_strdup_printf ("%d", N_CLIENTS);
  g_autofree char *interactions = g_strdup_printf ("%d", N_INTERACTIONS);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { cli, "--database", path, "seed", "--clients", clients,
                         "--interactions", interactions, NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("Seeding failed: %s", error->message);
  g_print ("%-34s %s", "seeding (rapport-cli seed)", out);
}

static void
describe (RapportContext *store)
{
  g_autoptr(GArray) ids = rapport_client_repository_search (rapport_context_get_clients (store), NULL, RAPPORT_CLIENT_SORT_NAME, TRUE, NULL);
  guint points = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(RapportClient) client = rapport_client_repository_get (rapport_context_get_clients (store), g_array_index (ids, gint64, i), NULL);

      points += rapport_client_get_phones (client)->len + rapport_client_get_emails (client)->len;
    }
  g_print ("database: %u clients, %u phones and e-mails, %d interactions\n",
           ids->len, points, N_INTERACTIONS);
}

static gboolean
list_is_loading (RapportClientList *list)
{
  return rapport_client_list_get_loading (list);
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

static void
bench_search (RapportClientsPage *page,
              GtkWidget          *search_entry,
              RapportContext     *store)
{
  RapportClientList *list = rapport_clients_page_get_list (page);
  g_autoptr(GArray) work = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) drawn = g_array_new (FALSE, FALSE, sizeof (double));
  guint signal_id = g_signal_lookup ("items-changed", G_TYPE_LIST_MODEL);
  Update update = { 0 };
  gulong hook = g_signal_add_emission_hook (signal_id, 0, on_update_begins, &update, NULL);
  gulong handler = g_signal_connect_after (list, "items-changed", G_CALLBACK (on_update_ends), &update);

  for (guint run = 0; run < 5; run++)
    for (guint q = 0; q < G_N_ELEMENTS (typed); q++)
      {
        for (gsize len = 1; len <= strlen (typed[q]); len++)
          {
            g_autofree char *prefix = NULL;
            g_autoptr(GArray) ids = NULL;
            gint64 start;
            double query_ms, ms;

            if ((typed[q][len] & 0xC0) == 0x80)
              continue;   /* inside a UTF-8 character: not a keystroke */
            prefix = g_strndup (typed[q], len);

            /* The query, as the worker runs it. */
            start = g_get_monotonic_time ();
            ids = rapport_client_repository_search (rapport_context_get_clients (store), prefix, RAPPORT_CLIENT_SORT_NAME, FALSE, NULL);
            query_ms = elapsed_ms (start);

            /* The keystroke: the entry changes, the search runs in the
             * worker, the model is replaced and the view updated. */
            wait_for_frame (GTK_WIDGET (page));
            update.total_ms = 0;
            start = g_get_monotonic_time ();
            gtk_editable_set_text (GTK_EDITABLE (search_entry), prefix);
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
          }
        gtk_editable_set_text (GTK_EDITABLE (search_entry), "");
        while (list_is_loading (list))
          g_main_context_iteration (NULL, TRUE);
      }

  g_signal_remove_emission_hook (signal_id, hook);
  g_signal_handler_disconnect (list, handler);
  report ("  … query + GTK 4.8 list view update", work, "(GTK 4.8 remakes 200 rows)");
  report ("  … keystroke to frame on screen", drawn, "(for reference)");
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

  for (guint run = 0; run < 5; run++)
    for (guint i = 0; i < typing->len; i++)
      {
        const char *text = g_ptr_array_index (typing, i);
        gint64 start = g_get_monotonic_time ();
        double ms;

        rapport_client_list_set_search (list, text);
        while (rapport_client_list_get_loading (list))
          g_main_context_iteration (NULL, TRUE);
        ms = elapsed_ms (start);
        if (*text != '\0')
          g_array_append_val (samples, ms);
      }

  report ("search per keystroke (query+model)", samples, "p95 < 10 ms");
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

static void
bench_card (RapportClientsPage *page,
            RapportContext     *store)
{
  gint64 card = make_card_client (store);
  gint64 other = rapport_client_list_get_id (rapport_clients_page_get_list (page), 10);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *card_view = template_child (GTK_WIDGET (page), RAPPORT_TYPE_CLIENTS_PAGE, "card_stack");
  int width = gtk_widget_get_width (card_view);

  for (guint run = 0; run < 50; run++)
    {
      gint64 start;
      double ms;

      rapport_clients_page_show_client (page, other);
      iterate ();

      /* Loading the client and its history, building the card's widgets
       * and measuring them at the width the card has on screen. */
      start = g_get_monotonic_time ();
      rapport_clients_page_show_client (page, card);
      gtk_widget_measure (card_view, GTK_ORIENTATION_VERTICAL, width, NULL, NULL, NULL, NULL);
      ms = elapsed_ms (start);
      g_array_append_val (samples, ms);
      iterate ();
    }

  report ("open a card, 200 interactions", samples, "< 20 ms");
}

static void
bench_startup (const char *app,
               const char *path)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run < 10; run++)
    {
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GDataInputStream) out = NULL;
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
      g_autofree char *line = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start;
      double ms;

      g_subprocess_launcher_setenv (launcher, "RAPPORT_EXIT_AFTER_FIRST_FRAME", "1", TRUE);
      start = g_get_monotonic_time ();
      process = g_subprocess_launcher_spawn (launcher, &error, app, "--database", path, NULL);
      if (process == NULL)
        g_error ("%s", error->message);
      out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
      line = g_data_input_stream_read_line (out, NULL, NULL, &error);
      ms = elapsed_ms (start);
      if (g_strcmp0 (line, "first-frame") != 0)
        g_error ("Rapport did not report its first frame");
      g_subprocess_wait (process, NULL, NULL);
      g_array_append_val (samples, ms);
    }

  report ("start-up to the first drawn frame", samples, "< 500 ms");
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
bench_scroll_memory (RapportClientsPage *page,
                     GtkWidget          *list_view)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  RapportClientList *list = rapport_clients_page_get_list (page);
  guint frames = 0;
  guint steps = 0;
  gint64 start = g_get_monotonic_time ();
  guint tick = gtk_widget_add_tick_callback (list_view, on_tick, &frames, NULL);

  gtk_adjustment_set_value (adjustment, 0);
  while (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
         < gtk_adjustment_get_upper (adjustment) - 1)
    {
      guint drawn = frames;

      /* One page down, then wait for the frame that shows it. */
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment)
                                            + gtk_adjustment_get_page_size (adjustment));
      while (frames == drawn)
        g_main_context_iteration (NULL, TRUE);
      steps++;
    }
  gtk_widget_remove_tick_callback (list_view, tick);

  g_print ("%-34s %ld MB resident after %u pages over %u rows in %.1f s (%u clients held)   goal: < 150 MB\n",
           "memory after scrolling every row", resident_kb () / 1024, steps,
           g_list_model_get_n_items (G_LIST_MODEL (list)), elapsed_ms (start) / 1000.0,
           rapport_client_list_get_n_cached (list));
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
    g_error ("A save failed while another program wrote: %s", error->message);
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
 * sample data as fast as it can: goal under a second, none failing. */
static void
bench_wait (const char *cli,
            const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "wait.db", NULL);
  g_autoptr(RapportDatabase) database = rapport_database_open (path, RAPPORT_DATABASE_DEFAULT, NULL);
  g_autoptr(RapportClientRepository) clients = rapport_client_repository_new (database);
  g_autoptr(GArray) waits = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GSubprocess) seeder = NULL;
  g_autoptr(GError) error = NULL;
  gboolean seeded = FALSE;
  double longest = 0;

  seeder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, cli, "--database", path,
                             "seed", "--clients", "30000", "--interactions", "100000", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (seeder, NULL, on_seeded, &seeded);
  g_usleep (500000);
  while (!seeded && waits->len < 100)
    {
      g_autoptr(RapportClient) client = rapport_client_new ();
      double ms = 0;
      Wait wait = { g_get_monotonic_time (), &ms, FALSE };

      rapport_client_set_given_name (client, "Waiting");
      rapport_client_repository_save_async (clients, client, NULL, on_saved, &wait);
      while (!wait.done)
        g_main_context_iteration (NULL, TRUE);
      g_array_append_val (waits, ms);
      longest = MAX (longest, ms);
      g_usleep (37000);
    }
  while (!seeded)
    g_main_context_iteration (NULL, TRUE);
  report ("a save while another program seeds", waits, "< 1000 ms, none failing");
  g_print ("%-34s %.0f ms\n", "… the longest", longest);
  g_remove (path);
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

  if (argc != 3)
    g_error ("usage: bench RAPPORT-CLI RAPPORT");

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
  describe (context);

  if (wanted ("reminders"))
    bench_reminders (path, report);
  if (wanted ("startup"))
    bench_startup (argv[2], path);
  if (wanted ("backup"))
    bench_backup (database);
  if (wanted ("wait"))
    bench_wait (argv[1], data_home);

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

  if (wanted ("search"))
    {
      bench_search_model (context);
      bench_search (page, search_entry, context);
    }
  if (wanted ("phones"))
    bench_phones (context);
  if (wanted ("card"))
    bench_card (page, context);
  if (wanted ("memory"))
    bench_scroll_memory (page, list_view);

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
