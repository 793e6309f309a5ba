/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "rapport-analytics.h"
#include "rapport-backups.h"
#include "rapport-demo.h"
#include "rapport-test-utils.h"

/* At least 100 kills in all, at random moments, within a minute. */
#define KILLS_PER_MODE 24
#define MAX_DELAY_MS 250

typedef struct
{
  const char *path;
  const char *backup_a;
  const char *backup_b;
  gint64      clients_a;
  gint64      clients_b;
} Target;

static GPtrArray *
run_and_kill (const char  *mode,
              const Target *target,
              GRand       *rand)
{
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "kill-target", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  char *line;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              helper, mode, target->path, target->backup_a, target->backup_b, NULL);
  g_assert_no_error (error);
  g_usleep ((gulong) g_rand_int_range (rand, 5, MAX_DELAY_MS) * 1000);
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  /* What it said before it died is still in the pipe. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while ((line = g_data_input_stream_read_line (out, NULL, NULL, NULL)) != NULL)
    g_ptr_array_add (lines, line);
  return lines;
}

/* Whole, or not there yet: killed before it made the file, it committed
 * nothing. */
static void
assert_whole (const char *path)
{
  g_autofree char *integrity = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;
  /* The next program to open it recovers the write-ahead log the killed
   * one left, which needs a connection that may write. */
  rapport_test_run_sql (path, "PRAGMA user_version");
  integrity = rapport_test_query_text (path, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
}

static const char *
last_with (GPtrArray  *lines,
           const char *prefix)
{
  for (guint i = lines->len; i > 0; i--)
    if (g_str_has_prefix (g_ptr_array_index (lines, i - 1), prefix))
      return (const char *) g_ptr_array_index (lines, i - 1) + strlen (prefix);
  return NULL;
}

static void
check_seed (const Target *target,
            GPtrArray    *lines)
{
  const char *committed = last_with (lines, "committed ");

  assert_whole (target->path);
  if (committed != NULL)
    g_assert_cmpint (rapport_test_query_int (target->path, "SELECT count(*) FROM clients"), >=,
                     g_ascii_strtoll (committed, NULL, 10));
  /* Clients are placed in the name order in the transaction that writes
   * them: a kill leaves none without a place, the places in order, and
   * every phone with its client's. */
  if (committed != NULL)
    {
      g_assert_cmpint (rapport_test_query_int (target->path, "SELECT count(*) FROM clients"
                                                             " WHERE search_pos IS NULL"), ==, 0);
      g_assert_cmpint (rapport_test_query_int (target->path, "SELECT count(*) FROM"
                                                             " (SELECT search_pos AS p, lag (search_pos)"
                                                             "  OVER (ORDER BY sort_key, id) AS q FROM clients)"
                                                             " WHERE p <= q"), ==, 0);
      g_assert_cmpint (rapport_test_query_int (target->path, "SELECT count(*) FROM client_phones AS p"
                                                             " JOIN clients AS c ON c.id = p.client_id"
                                                             " WHERE p.search_pos IS NOT c.search_pos"), ==, 0);
    }
}

/* Every record it said it wrote (a line “PREFIX ID”) is in @table: one
 * look for all of them (a run writes hundreds, and a connection a look
 * costs milliseconds each). Returns how many it said it wrote; with none,
 * nothing is looked for (a killed first run may not have made the file's
 * tables yet). */
static guint
assert_said_are_there (const char *path,
                       GPtrArray  *lines,
                       const char *prefix,
                       const char *table)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  guint n_said = 0;

  g_string_printf (sql, "SELECT count(*) FROM %s WHERE id IN (0", table);
  for (guint i = 0; i < lines->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (lines, i), prefix))
      {
        g_string_append_printf (sql, ", %" G_GINT64_FORMAT,
                                g_ascii_strtoll ((char *) g_ptr_array_index (lines, i) + strlen (prefix), NULL, 10));
        n_said++;
      }
  g_string_append (sql, ")");
  if (n_said > 0)
    g_assert_cmpint (rapport_test_query_int (path, sql->str), ==, n_said);
  return n_said;
}

/* Every order it said it wrote is there, and the summaries the Analytics
 * page reads, kept by triggers in the same transactions, still say what
 * the orders, lines and payments say. */
static void
check_orders (const Target *target,
              GPtrArray    *lines,
              guint        *n_checked)
{
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(RapportAnalytics) analytics = NULL;
  g_autoptr(GError) error = NULL;

  assert_whole (target->path);
  *n_checked += assert_said_are_there (target->path, lines, "order ", "orders");

  db = rapport_database_open (target->path, RAPPORT_DATABASE_DEFAULT, &error);
  g_assert_no_error (error);
  analytics = rapport_analytics_new (db);
  g_assert_true (rapport_analytics_check_summaries (analytics, &error));
  g_assert_no_error (error);
}

static void
check_save (const Target *target,
            GPtrArray    *lines)
{
  assert_whole (target->path);
  if (!g_file_test (target->path, G_FILE_TEST_EXISTS))
    {
      g_assert_null (last_with (lines, "saved "));
      return;
    }
  assert_said_are_there (target->path, lines, "saved ", "clients");
}

static void
check_backup (const Target *target,
              GPtrArray    *lines)
{
  g_autofree char *folder = rapport_backups_dup_folder (target->path);
  const char *last = last_with (lines, "backup ");
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  assert_whole (target->path);
  if (last != NULL)
    g_assert_true (g_file_test (last, G_FILE_TEST_EXISTS));
  /* Every backup under its name is whole and holds all the data; a killed
   * one has no name yet. */
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".db"))
      {
        g_autofree char *path = g_build_filename (folder, name, NULL);

        assert_whole (path);
        g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM clients"), ==,
                         rapport_test_query_int (target->path, "SELECT count(*) FROM clients"));
      }
}

static void
check_restore (const Target *target,
               GPtrArray    *lines)
{
  gint64 clients = rapport_test_query_int (target->path, "SELECT count(*) FROM clients");

  /* The one backup or the other, whole; never a mixture. */
  assert_whole (target->path);
  g_assert_true (clients == target->clients_a || clients == target->clients_b);
}

static char *
make_backup (const char *path,
             guint       n_clients,
             guint32     seed_number)
{
  g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, NULL);
  RapportDemoOptions options = { seed_number, n_clients, n_clients * 3, 1700000000 };
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  g_assert_true (rapport_demo_seed (store->db, &options, NULL, NULL, NULL, &error));
  backup = rapport_backups_make (store->db, RAPPORT_BACKUP_DAILY, NULL, &error);
  g_assert_no_error (error);
  /* Outside the folder the rotation tidies. */
  kept = g_strdup_printf ("%s.%u.backup", path, n_clients);
  g_assert_true (g_rename (rapport_backup_get_path (backup), kept) == 0);
  return g_steal_pointer (&kept);
}

/* Killed at any moment while sample data or orders are written, a client
 * saved, a backup made or one restored, the database is whole and holds
 * all that was committed before the kill. */
static void
test_kill (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) g_test_rand_int ());
  g_autofree char *seed_db = rapport_test_dup_path ("seed.db");
  g_autofree char *save_db = rapport_test_dup_path ("save.db");
  g_autofree char *backup_db = rapport_test_dup_path ("backup.db");
  g_autofree char *restore_db = rapport_test_dup_path ("restore.db");
  g_autofree char *orders_db = rapport_test_dup_path ("orders.db");
  guint n_orders = 0;
  g_autofree char *backup_a = make_backup (restore_db, 100, 1);
  g_autofree char *backup_b = NULL;
  gint64 started = g_get_monotonic_time ();
  guint kills = 0;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RapportDatabase) db = rapport_database_open (restore_db, RAPPORT_DATABASE_DEFAULT, &error);
    RapportDemoOptions options = { 2, 50, 0, 1700000000 };

    g_assert_no_error (error);
    g_assert_true (rapport_demo_seed (db, &options, NULL, NULL, NULL, &error));
  }
  backup_b = make_backup (restore_db, 0, 3);
  {
    g_autoptr(RapportTestStore) store = rapport_test_store_open_path (backup_db, NULL);
    RapportDemoOptions options = { 4, 3000, 20000, 1700000000 };
    g_autoptr(GError) error = NULL;

    g_assert_true (rapport_demo_seed (store->db, &options, NULL, NULL, NULL, &error));
  }

  {
    g_autoptr(RapportTestStore) store = rapport_test_store_open_path (orders_db, NULL);
    RapportDemoOptions options = { 6, 30, 0, 1700000000 };
    g_autoptr(GError) error = NULL;

    g_assert_true (rapport_demo_seed (store->db, &options, NULL, NULL, NULL, &error));
  }

  for (guint round = 0; round < KILLS_PER_MODE; round++)
    {
      Target seed_target = { seed_db, NULL, NULL, 0, 0 };
      Target save_target = { save_db, NULL, NULL, 0, 0 };
      Target backup_target = { backup_db, NULL, NULL, 0, 0 };
      Target restore_target = { restore_db, backup_a, backup_b, 100, 150 };
      Target orders_target = { orders_db, NULL, NULL, 0, 0 };
      g_autoptr(GPtrArray) seed_lines = run_and_kill ("seed", &seed_target, rand);
      g_autoptr(GPtrArray) save_lines = NULL;
      g_autoptr(GPtrArray) backup_lines = NULL;
      g_autoptr(GPtrArray) restore_lines = NULL;
      g_autoptr(GPtrArray) orders_lines = NULL;

      check_seed (&seed_target, seed_lines);
      save_lines = run_and_kill ("save", &save_target, rand);
      check_save (&save_target, save_lines);
      backup_lines = run_and_kill ("backup", &backup_target, rand);
      check_backup (&backup_target, backup_lines);
      restore_lines = run_and_kill ("restore", &restore_target, rand);
      check_restore (&restore_target, restore_lines);
      orders_lines = run_and_kill ("orders", &orders_target, rand);
      check_orders (&orders_target, orders_lines, &n_orders);
      kills += 5;
    }

  g_test_message ("%u kills in %.1f s", kills, (g_get_monotonic_time () - started) / 1e6);
  g_assert_cmpuint (kills, >=, 100);
  /* The order runs committed orders before they were killed. */
  g_test_message ("%u orders said written, all found", n_orders);
  g_assert_cmpuint (n_orders, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rapport/kill/during-writes", test_kill);

  return g_test_run ();
}
