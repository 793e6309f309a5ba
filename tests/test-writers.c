/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>

#include "rapport-database-private.h"
#include "rapport-error.h"
#include "rapport-test-utils.h"

#define N_SAVES 20

typedef struct
{
  gboolean      done;
  gboolean      ok;
  GError       *error;
  gint64        finished;
} Saved;

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Saved *saved = user_data;

  saved->ok = rapport_client_repository_save_finish (RAPPORT_CLIENT_REPOSITORY (source), result,
                                                     &saved->error);
  saved->finished = g_get_monotonic_time ();
  saved->done = TRUE;
}

static GThread *main_thread;

static void
on_waiting (RapportDatabase *db,
            GParamSpec      *pspec,
            guint           *times)
{
  /* Told on the main thread, never on the worker that waits, even while
   * the main loop is not turning. */
  g_assert_true (g_thread_self () == main_thread);
  if (rapport_database_get_waiting (db))
    (*times)++;
}

static RapportClient *
new_client (guint i)
{
  RapportClient *client = rapport_client_new ();
  g_autofree char *given = g_strdup_printf ("Single%u", i);

  rapport_client_set_given_name (client, given);
  rapport_client_set_family_name (client, "Save");
  return client;
}

/* One turn of the main loop, and how long it held the thread (µs). What
 * is timed is the turn itself, not the sleep between turns: on a busy
 * machine the scheduler may wake a sleeper late, which says nothing of
 * whether a save blocks the main loop. */
static gint64
timed_turn (void)
{
  gint64 started = g_get_monotonic_time ();

  g_main_context_iteration (NULL, FALSE);
  return g_get_monotonic_time () - started;
}

/* Runs one save the way the window does, spinning the main loop; returns
 * the longest turn of the main loop meanwhile (µs). */
static gint64
save_async (RapportTestStore *store,
            RapportClient    *client,
            Saved            *saved)
{
  gint64 longest = g_get_monotonic_time ();

  /* The call itself is a turn too: it must not save there and then. */
  rapport_client_repository_save_async (store->clients, client, NULL, on_saved, saved);
  longest = g_get_monotonic_time () - longest;
  while (!saved->done)
    {
      longest = MAX (longest, timed_turn ());
      g_usleep (500);
    }
  return longest;
}

/* A long seed by another program and 20 single saves of the window's
 * kind and 20 of the command line's: none fails, none waits long. */
static void
test_long_seed_and_saves (void)
{
  g_autofree char *path = rapport_test_dup_path ("two-writers.db");
  g_autofree char *cli = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "rapport-cli", NULL);
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("two-writers.db");
  g_autoptr(GSubprocess) seeder = NULL;
  g_autoptr(GError) error = NULL;
  gint64 longest_wait = 0, longest_turn = 0;
  guint times_waiting = 0;

  g_signal_connect (store->db, "notify::waiting", G_CALLBACK (on_waiting), &times_waiting);
  seeder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, cli, "--database", path,
                             "seed", "--clients", "6000", "--interactions", "60000", NULL);
  g_assert_no_error (error);
  while (rapport_test_query_int (path, "SELECT count(*) FROM clients") == 0)
    g_usleep (10000);

  for (guint i = 0; i < N_SAVES; i++)
    {
      g_autoptr(RapportClient) sync_client = new_client (i);
      g_autoptr(RapportClient) async_client = new_client (100 + i);
      Saved saved = { 0 };
      gint64 started = g_get_monotonic_time (), turn;

      /* The command line's way: this thread waits, briefly. */
      g_assert_true (rapport_client_repository_save (store->clients, sync_client, &error));
      g_assert_no_error (error);
      longest_wait = MAX (longest_wait, g_get_monotonic_time () - started);

      /* The window's way: the main loop turns all the while. */
      started = g_get_monotonic_time ();
      turn = save_async (store, async_client, &saved);
      longest_turn = MAX (longest_turn, turn);
      g_assert_no_error (saved.error);
      g_assert_true (saved.ok);
      g_assert_cmpint (rapport_client_get_id (async_client), >, 0);
      longest_wait = MAX (longest_wait, saved.finished - started);
      g_usleep (50000);
    }

  g_subprocess_wait_check (seeder, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("longest wait of a save: %.0f ms; longest main-loop turn: %.1f ms; %u saves waited",
                  longest_wait / 1e3, longest_turn / 1e3, times_waiting);
  g_assert_cmpint (longest_wait, <, G_USEC_PER_SEC);
  g_assert_cmpint (longest_turn, <, 50 * 1000);
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM clients"), ==, 6000 + 2 * N_SAVES);
  {
    g_autofree char *integrity = rapport_test_query_text (path, "PRAGMA integrity_check");
    g_assert_cmpstr (integrity, ==, "ok");
  }
}

static void
check_committed (RapportDatabase *db,
                 const char      *kind,
                 gint64           id,
                 gboolean         many,
                 const char      *path)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM clients WHERE id = %" G_GINT64_FORMAT, id);

  /* Told on the main thread, after the commit. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  if (g_strcmp0 (kind, RAPPORT_KIND_CLIENT) == 0 && !many)
    g_assert_cmpint (rapport_test_query_int (path, sql), ==, 1);
}

/* Another program holds the file for a second: the save says it waits,
 * the main loop turns meanwhile, and it succeeds once the file is free. */
static void
test_save_waits (void)
{
  g_autofree char *path = rapport_test_dup_path ("held.db");
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("held.db");
  g_autoptr(RapportClient) client = new_client (1);
  sqlite3 *other = NULL;
  Saved saved = { 0 };
  guint times_waiting = 0, notices = 0;
  gint64 longest = 0, started;

  g_signal_connect (store->db, "notify::waiting", G_CALLBACK (on_waiting), &times_waiting);
  g_signal_connect (store->db, "changed", G_CALLBACK (check_committed), path);
  rapport_test_count_changes (store->db, RAPPORT_KIND_CLIENT, &notices);

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE; INSERT INTO staff (name, created_at) VALUES ('Other', 0)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  started = g_get_monotonic_time ();
  rapport_client_repository_save_async (store->clients, client, NULL, on_saved, &saved);
  longest = g_get_monotonic_time () - started;
  /* The worker starts to wait while the main loop is not turning. */
  g_usleep (200 * 1000);
  while (g_get_monotonic_time () - started < G_USEC_PER_SEC)
    {
      longest = MAX (longest, timed_turn ());
      g_usleep (1000);
    }
  g_assert_false (saved.done);
  g_assert_true (rapport_database_get_waiting (store->db));
  g_assert_cmpuint (times_waiting, ==, 1);
  g_assert_cmpint (longest, <, 50 * 1000);

  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  while (!saved.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (saved.error);
  g_assert_true (saved.ok);
  g_assert_false (rapport_database_get_waiting (store->db));
  g_assert_cmpuint (notices, ==, 1);
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM staff WHERE name = 'Other'"), ==, 1);
}

/* Writes run one after another in the order asked; a refusal is told. */
static void
test_order_and_refusal (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("order.db");
  g_autoptr(RapportClient) client = new_client (7);
  g_autoptr(RapportClient) nameless = rapport_client_new ();
  Saved first = { 0 }, second = { 0 }, third = { 0 };

  rapport_client_repository_save_async (store->clients, client, NULL, on_saved, &first);
  rapport_client_repository_save_async (store->clients, nameless, NULL, on_saved, &second);
  rapport_client_repository_set_archived_async (store->clients, 424242, TRUE, NULL, on_saved, &third);
  while (!third.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (first.done && second.done);
  g_assert_true (first.ok);
  g_assert_false (second.ok);
  g_assert_error (second.error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_false (third.ok);
  g_assert_error (third.error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_assert_cmpint (first.finished, <=, second.finished);
  g_assert_cmpint (second.finished, <=, third.finished);
  g_clear_error (&second.error);
  g_clear_error (&third.error);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  main_thread = g_thread_self ();
  g_test_add_func ("/rapport/writers/long-seed-and-saves", test_long_seed_and_saves);
  g_test_add_func ("/rapport/writers/save-waits", test_save_waits);
  g_test_add_func ("/rapport/writers/order-and-refusal", test_order_and_refusal);

  return g_test_run ();
}
