/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "rapport-backups.h"
#include "rapport-database-private.h"
#include "rapport-demo.h"
#include "rapport-error.h"
#include "rapport-salvage.h"
#include "rapport-test-utils.h"

#define N_COPIES 40

/* A Rapport database in write-ahead mode, closed cleanly, with a backup. */
static char *
make_database (const char     *name,
               RapportBackup **backup)
{
  g_autofree char *path = rapport_test_dup_path (name);
  g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, NULL);
  RapportDemoOptions options = { 11, 300, 3000, 1700000000 };
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_demo_seed (store->db, &options, NULL, NULL, NULL, &error));
  *backup = rapport_backups_make (store->db, RAPPORT_BACKUP_DAILY, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* SQLite's own verdict, outside Rapport. */
static gboolean
quick_check_fails (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean fails = TRUE;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
      && sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    fails = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0
            || sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return fails;
}

static void
spin_until_damaged (RapportDatabase *db)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!rapport_database_get_damaged (db) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
assert_whole_as (const char    *path,
                 RapportBackup *backup)
{
  g_autofree char *integrity = rapport_test_query_text (path, "PRAGMA integrity_check");

  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM clients"), ==,
                   rapport_backup_get_n_clients (backup));
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM interactions"), ==,
                   rapport_backup_get_n_interactions (backup));
}

/* Copies with flipped bytes or cut short: every one SQLite finds damaged
 * is refused or found damaged by Rapport, never written, and comes back
 * whole from the newest backup. */
static void
test_damaged_copies (void)
{
  if (rapport_test_skip_bulk ())
    return;

  g_autoptr(RapportBackup) backup = NULL;
  g_autofree char *original = make_database ("original.db", &backup);
  g_autofree char *contents = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261130);
  guint n_damaged = 0, n_refused = 0, n_found = 0;
  gsize length;

  g_assert_true (g_file_get_contents (original, &contents, &length, NULL));

  for (guint i = 0; i < N_COPIES; i++)
    {
      g_autofree char *name = g_strdup_printf ("copy-%02u.db", i);
      g_autofree char *path = rapport_test_dup_path (name);
      g_autofree char *copy = g_memdup2 (contents, length);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(RapportTestStore) store = NULL;
      gsize copy_length = length;

      if (i % 5 == 4)
        copy_length = (gsize) g_rand_int_range (rand, 512, (gint32) length - 4096);
      else
        for (int n = g_rand_int_range (rand, 1, 65); n > 0; n--)
          copy[g_rand_int_range (rand, 0, (gint32) length)] ^= (char) g_rand_int_range (rand, 1, 256);
      g_assert_true (g_file_set_contents (path, copy, (gssize) copy_length, NULL));

      if (!quick_check_fails (path))
        continue;
      n_damaged++;
      before = rapport_test_dup_file_checksum (path);

      store = rapport_test_store_open_path (path, &error);
      if (store == NULL)
        {
          n_refused++;
          g_assert_true (error->domain == RAPPORT_ERROR);
          g_assert_true (error->code == RAPPORT_ERROR_CORRUPT || error->code == RAPPORT_ERROR_NOT_DATABASE
                         || error->code == RAPPORT_ERROR_FOREIGN || error->code == RAPPORT_ERROR_TOO_NEW);
          after = rapport_test_dup_file_checksum (path);
          g_assert_cmpstr (after, ==, before);
          g_clear_error (&error);

          g_assert_true (rapport_backups_replace_damaged (path, rapport_backup_get_path (backup), NULL, &error));
          g_assert_no_error (error);
          assert_whole_as (path, backup);
          continue;
        }

      n_found++;
      g_assert_false (rapport_database_check (store->db, FALSE, &error));
      g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, name));
      g_clear_error (&error);
      spin_until_damaged (store->db);
      g_assert_true (rapport_database_get_damaged (store->db));

      /* Nothing more is written. */
      {
        g_autoptr(RapportClient) client = rapport_client_new ();
        g_autoptr(RapportStaff) staff = rapport_staff_new ("Never", "");

        rapport_client_set_given_name (client, "Never");
        g_assert_false (rapport_client_repository_save (store->clients, client, &error));
        g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT);
        g_clear_error (&error);
        g_assert_false (rapport_staff_repository_save (store->staff, staff, &error));
        g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT);
        g_clear_error (&error);
      }
      after = rapport_test_dup_file_checksum (path);
      g_assert_cmpstr (after, ==, before);

      /* The newest backup brings it back, and writing works again. */
      g_assert_true (rapport_backups_restore (store->db, rapport_backup_get_path (backup), NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_false (rapport_database_get_damaged (store->db));
      assert_whole_as (path, backup);
      g_object_unref (rapport_test_add_client (store, "After", "Restore", NULL, NULL));
    }

  g_test_message ("%u of %u copies damaged: %u refused at opening, %u found by the check",
                  n_damaged, N_COPIES, n_refused, n_found);
  g_assert_cmpuint (n_damaged, >, N_COPIES / 2);
  g_assert_cmpuint (n_refused + n_found, ==, n_damaged);
}

/* Damage met by an ordinary read (the history of a client) stops all
 * writing at once, and the background check finds it too. */
static void
test_met_by_a_statement (void)
{
  g_autoptr(RapportBackup) backup = NULL;
  g_autofree char *path = make_database ("statement.db", &backup);
  gint64 root = rapport_test_query_int (path, "SELECT rootpage FROM sqlite_schema WHERE name = 'interactions'");
  gint64 page_size = rapport_test_query_int (path, "PRAGMA page_size");
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportTestStore) store = NULL;
  g_autoptr(GPtrArray) history = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpint (root, >, 1);
  memset (contents + (root - 1) * page_size + 8, 0xFF, 64);
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  before = rapport_test_dup_file_checksum (path);

  store = rapport_test_store_open_path (path, &error);
  g_assert_no_error (error);
  g_assert_false (rapport_database_get_damaged (store->db));

  history = rapport_interaction_repository_list (store->interactions, 1, NULL, 10, &error);
  g_assert_null (history);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT);
  g_clear_error (&error);
  spin_until_damaged (store->db);
  g_assert_true (rapport_database_get_damaged (store->db));

  {
    g_autoptr(RapportClient) client = rapport_client_new ();

    rapport_client_set_given_name (client, "Never");
    g_assert_false (rapport_client_repository_save (store->clients, client, &error));
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT);
    g_assert_nonnull (strstr (error->message, "statement.db"));
    g_clear_error (&error);
    g_assert_false (rapport_database_begin_batch (store->db, &error));
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT);
    g_clear_error (&error);
  }
  after = rapport_test_dup_file_checksum (path);
  g_assert_cmpstr (after, ==, before);

  /* Another database on the same file hears of it from the check. */
  {
    g_autoptr(RapportDatabase) other = rapport_database_open (path, RAPPORT_DATABASE_DEFAULT, &error);
    g_autoptr(GAsyncResult) result = NULL;

    g_assert_no_error (error);
    rapport_database_check_async (other, FALSE, NULL, rapport_test_store_result, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (rapport_database_check_finish (other, result, &error));
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT);
    g_assert_nonnull (strstr (error->message, "statement.db"));
    spin_until_damaged (other);
    g_assert_true (rapport_database_get_damaged (other));
  }
}

/* A file too damaged to show its tables opens for reading only when asked,
 * damaged from the start; a whole one is whole. */
static void
test_open_damaged (void)
{
  g_autoptr(RapportBackup) backup = NULL;
  g_autofree char *path = make_database ("cut.db", &backup);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  {
    g_autoptr(RapportDatabase) db = rapport_database_open (path, RAPPORT_DATABASE_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_true (rapport_database_check (db, TRUE, &error));
    g_assert_no_error (error);
    g_assert_false (rapport_database_get_damaged (db));
  }

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length - 3 * 4096, NULL));
  {
    g_autoptr(RapportDatabase) db = rapport_database_open (path, RAPPORT_DATABASE_DEFAULT, &error);
    g_assert_null (db);
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT);
    g_clear_error (&error);
  }
  {
    g_autoptr(RapportDatabase) db = rapport_database_open (path, RAPPORT_DATABASE_DAMAGED, &error);
    g_autoptr(RapportTestStore) store = NULL;
    g_autoptr(GArray) found = NULL;

    g_assert_no_error (error);
    g_assert_true (rapport_database_get_damaged (db));
    g_assert_true (rapport_database_get_read_only (db));
    store = rapport_test_store_new (db);
    found = rapport_client_repository_search (store->clients, NULL, RAPPORT_CLIENT_SORT_NAME, TRUE, &error);
    /* What can be read is read; the rest is an error, not a crash. */
    if (found == NULL)
      g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT);
    g_clear_error (&error);

    /* Restored in place while open: the file is whole and writable again. */
    g_assert_true (rapport_backups_restore (db, rapport_backup_get_path (backup), NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (rapport_database_get_damaged (db));
    g_assert_false (rapport_database_get_read_only (db));
    g_object_unref (rapport_test_add_client (store, "Whole", "Again", NULL, NULL));
  }
  {
    g_autofree char *integrity = rapport_test_query_text (path, "PRAGMA integrity_check");
    g_assert_cmpstr (integrity, ==, "ok");
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM clients"), ==,
                     rapport_backup_get_n_clients (backup) + 1);
  }
}

static void
damage_page (char       *contents,
             const char *path,
             const char *table,
             guint       nth_leaf)
{
  g_autofree char *sql = g_strdup_printf ("SELECT pageno FROM dbstat WHERE name = '%s' AND pagetype = 'leaf'"
                                          " ORDER BY pageno LIMIT 1 OFFSET %u", table, nth_leaf);
  gint64 page = rapport_test_query_int (path, sql);

  g_assert_cmpint (page, >, 1);
  memset (contents + (page - 1) * 4096, 0xEE, 4096);
}

/* What can be read of a damaged file is saved into a new, whole one: the
 * rows before and after the damage, history with a stand-in for a lost
 * client, a search index that finds them. */
static void
test_salvage (void)
{
  g_autoptr(RapportBackup) backup = NULL;
  g_autofree char *path = make_database ("salvage.db", &backup);
  g_autofree char *output = rapport_test_dup_path ("saved.db");
  g_autofree char *contents = NULL;
  g_autofree char *report = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *last_name = rapport_test_query_text (path, "SELECT family_name FROM clients ORDER BY id DESC LIMIT 1");
  g_autoptr(GError) error = NULL;
  gint64 clients, interactions, stand_ins;
  gsize length;

  /* Positions in the name order are rebuilt, not copied: here every
   * client holds the same, which a whole file's index forbids. */
  rapport_test_run_sql (path, "DROP INDEX clients_by_search_pos; UPDATE clients SET search_pos = 7");
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  damage_page (contents, path, "clients", 2);
  damage_page (contents, path, "clients", 5);
  damage_page (contents, path, "interactions", 3);
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  g_assert_true (quick_check_fails (path));
  before = rapport_test_dup_file_checksum (path);

  g_assert_true (rapport_database_salvage (path, output, &report, &error));
  g_assert_no_error (error);
  g_test_message ("%s", report);
  g_assert_nonnull (strstr (report, "saved.db"));
  g_assert_nonnull (strstr (report, "clients"));
  after = rapport_test_dup_file_checksum (path);
  g_assert_cmpstr (after, ==, before);

  {
    g_autofree char *integrity = rapport_test_query_text (output, "PRAGMA integrity_check");
    g_autofree char *orphans = rapport_test_query_text (output, "SELECT count(*) FROM pragma_foreign_key_check");

    g_assert_cmpstr (integrity, ==, "ok");
    g_assert_cmpstr (orphans, ==, "0");
  }
  clients = rapport_test_query_int (output, "SELECT count(*) FROM clients WHERE created_at > 0");
  stand_ins = rapport_test_query_int (output, "SELECT count(*) FROM clients WHERE created_at = 0");
  interactions = rapport_test_query_int (output, "SELECT count(*) FROM interactions");
  g_test_message ("saved %" G_GINT64_FORMAT " clients, %" G_GINT64_FORMAT " stand-ins, %" G_GINT64_FORMAT
                  " interactions", clients, stand_ins, interactions);
  g_assert_cmpint (clients, <, 300);
  g_assert_cmpint (clients, >, 200);
  g_assert_cmpint (rapport_test_query_int (output, "SELECT count(*) FROM clients WHERE search_pos IS NULL"), ==, 0);
  g_assert_cmpint (rapport_test_query_int (output, "SELECT count(*) FROM"
                                                   " (SELECT search_pos AS p, lag (search_pos)"
                                                   "  OVER (ORDER BY sort_key, id) AS q FROM clients)"
                                                   " WHERE p <= q"), ==, 0);
  g_assert_cmpint (stand_ins, >, 0);
  g_assert_cmpint (interactions, <, 3000);
  g_assert_cmpint (interactions, >, 2800);

  /* The new file opens as any database, and its search finds the rows
   * read after the damage. */
  {
    g_autoptr(RapportTestStore) store = rapport_test_store_open_path (output, &error);
    g_autoptr(GArray) found = NULL;
    g_autoptr(RapportClient) client = NULL;

    g_assert_no_error (error);
    found = rapport_test_search (store, last_name);
    g_assert_cmpuint (found->len, >, 0);
    g_assert_true (rapport_database_check (store->db, TRUE, &error));
    client = rapport_test_add_client (store, "After", "Salvage", NULL, NULL);
  }

  /* It never writes over a file. */
  g_clear_pointer (&report, g_free);
  g_assert_false (rapport_database_salvage (path, output, &report, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_IO);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rapport/damage/bulk/copies", test_damaged_copies);
  g_test_add_func ("/rapport/damage/met-by-a-statement", test_met_by_a_statement);
  g_test_add_func ("/rapport/damage/open-damaged", test_open_damaged);
  g_test_add_func ("/rapport/damage/salvage", test_salvage);

  return g_test_run ();
}
