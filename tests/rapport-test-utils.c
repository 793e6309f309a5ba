/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>
#include <sqlite3.h>

#include "rapport-test-utils.h"

/* Under G_TEST_OPTION_ISOLATE_DIRS every test has its own data directory. */
char *
rapport_test_dup_path (const char *name)
{
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

RapportTestStore *
rapport_test_store_new (RapportDatabase *db)
{
  RapportTestStore *store = g_new0 (RapportTestStore, 1);

  store->db = g_object_ref (db);
  store->clients = rapport_client_repository_new (db);
  store->interactions = rapport_interaction_repository_new (db);
  store->staff = rapport_staff_repository_new (db);
  return store;
}

RapportTestStore *
rapport_test_store_open_path (const char  *path,
                              GError     **error)
{
  g_autoptr(RapportDatabase) db = rapport_database_open (path, RAPPORT_DATABASE_DEFAULT, error);

  return db ? rapport_test_store_new (db) : NULL;
}

void
rapport_test_store_free (RapportTestStore *store)
{
  g_clear_object (&store->clients);
  g_clear_object (&store->interactions);
  g_clear_object (&store->staff);
  g_clear_object (&store->db);
  g_free (store);
}

/* An empty database at the newest schema, made once per test program. Making
 * the schema (every step, with its triggers) costs about half a second under
 * the leak checker, and most tests start from an empty file. */
static GBytes *
dup_empty_database (void)
{
  static GBytes *empty;

  if (empty == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("rapport-test-XXXXXX", &error);
      g_autofree char *path = NULL;
      g_autofree char *wal = NULL;
      char *contents = NULL;
      gsize length = 0;

      g_assert_no_error (error);
      path = g_build_filename (dir, "empty.db", NULL);
      wal = g_strconcat (path, "-wal", NULL);
      {
        g_autoptr(RapportDatabase) db = rapport_database_open (path, RAPPORT_DATABASE_DEFAULT, &error);

        g_assert_no_error (error);
      }
      /* Closed, the log is in the file: the file alone is the database. */
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_remove (path), ==, 0);
      g_assert_cmpint (g_rmdir (dir), ==, 0);
      empty = g_bytes_new_take (contents, length);
    }
  return g_bytes_ref (empty);
}

/**
 * rapport_test_prepare_empty:
 * @path: where a test's database is to be
 *
 * Puts an empty database of the newest schema at @path unless a file is
 * there, as opening a new file would make it (mode 0600). For tests about
 * something else than making a new file; those open the path themselves.
 */
void
rapport_test_prepare_empty (const char *path)
{
  g_autoptr(GBytes) empty = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *data;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return;
  empty = dup_empty_database ();
  data = g_bytes_get_data (empty, &length);
  g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
}

RapportTestStore *
rapport_test_open_store (const char *name)
{
  g_autofree char *path = rapport_test_dup_path (name);
  g_autoptr(GError) error = NULL;
  RapportTestStore *store = NULL;

  rapport_test_prepare_empty (path);
  store = rapport_test_store_open_path (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

char *
rapport_test_dup_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

RapportClient *
rapport_test_add_client (RapportTestStore *store,
                         const char   *given,
                         const char   *family,
                         const char   *phone,
                         const char   *email)
{
  g_autoptr(RapportClient) client = rapport_client_new ();
  g_autoptr(GError) error = NULL;

  rapport_client_set_given_name (client, given);
  rapport_client_set_family_name (client, family);
  if (phone != NULL)
    rapport_client_add_phone (client, "mobile", phone);
  if (email != NULL)
    rapport_client_add_email (client, "home", email);

  rapport_client_repository_save (store->clients, client, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_client_get_id (client), >, 0);
  return g_steal_pointer (&client);
}

GArray *
rapport_test_search (RapportTestStore *store,
                     const char   *text)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = rapport_client_repository_search (store->clients, text, RAPPORT_CLIENT_SORT_NAME,
                                                 FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

gboolean
rapport_test_ids_contain (GArray *ids,
                          gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* Another program waits when Rapport holds the file for a moment (a
 * restored file being opened again, a write being committed), as a
 * well-behaved one does. */
#define BUSY_TIMEOUT_MS 10000

/* Gives @db room for the small allocations of parsing its schema (every
 * step's tables and triggers), which under the leak checker, unwinding the
 * stack of every allocation, cost each read a noticeable moment. */
static void
use_large_lookaside (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_LOOKASIDE, NULL, 512, 8192), ==, SQLITE_OK);
}

/* Changes a database behind Rapport's back, as another program would: the
 * sqlite3 shell, which waits its turn (.timeout) and stops at the first
 * error (-bail), leaving a script's open transaction undone. Being another
 * program also keeps the scripts outside the sanitizers: under the leak
 * checker, coding the triggers of thousands of statements in the test's
 * own process was most of the suite's time. */
void
rapport_test_run_sql (const char *path,
                      const char *sql)
{
  g_autofree char *timeout = g_strdup_printf (".timeout %d", BUSY_TIMEOUT_MS);
  g_autoptr(GSubprocess) shell = NULL;
  g_autoptr(GBytes) input = g_bytes_new_static (sql, strlen (sql));
  g_autoptr(GBytes) errors = NULL;
  g_autoptr(GError) error = NULL;

  shell = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                            | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                            "sqlite3", "-bail", "-batch", "-init", "/dev/null", "-cmd", timeout, path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (shell, input, NULL, NULL, &errors, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (shell) || g_subprocess_get_exit_status (shell) != 0)
    g_error ("%s: %.*s", sql, (int) g_bytes_get_size (errors), (const char *) g_bytes_get_data (errors, NULL));
}

typedef struct
{
  char  *kind;
  guint *counter;
} ChangeCounter;

static void
change_counter_free (gpointer data,
                     GClosure *closure)
{
  ChangeCounter *counter = data;

  g_free (counter->kind);
  g_free (counter);
}

static void
on_changed_count (RapportDatabase *db,
                  const char      *kind,
                  gint64           id,
                  gboolean         many,
                  ChangeCounter   *counter)
{
  if (counter->kind == NULL || rapport_database_change_concerns (kind, counter->kind))
    (*counter->counter)++;
}

/* Counts the change notices about @kind (or all, when %NULL) in @counter. */
gulong
rapport_test_count_changes (RapportDatabase *db,
                            const char      *kind,
                            guint           *counter)
{
  ChangeCounter *data = g_new0 (ChangeCounter, 1);

  data->kind = g_strdup (kind);
  data->counter = counter;
  return g_signal_connect_data (db, "changed", G_CALLBACK (on_changed_count), data,
                                change_counter_free, 0);
}

/* Reads one value behind Rapport's back, as another program would. */
char *
rapport_test_query_text (const char *path,
                         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  use_large_lookaside (db);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

gint64
rapport_test_query_int (const char *path,
                        const char *sql)
{
  g_autofree char *text = rapport_test_query_text (path, sql);

  return text ? g_ascii_strtoll (text, NULL, 10) : 0;
}

/* What pdftotext reads in a PDF: the text a person can search and copy,
 * without the invisible marks that keep dates and numbers in their own
 * direction. */
char *
rapport_test_pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  GString *visible;
  int status = 0;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    g_error ("pdftotext: %s", error->message);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_utf8_validate (out, -1, NULL));

  visible = g_string_new (NULL);
  for (const char *p = out; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Isolates, embeddings and marks: pdftotext adds the latter two
       * around runs of the other direction. */
      if ((c < 0x2066 || c > 0x2069) && (c < 0x202A || c > 0x202E) && c != 0x200E && c != 0x200F)
        g_string_append_unichar (visible, c);
    }
  return g_string_free (visible, FALSE);
}

/* An async callback that keeps the result in the GAsyncResult * it is
 * given, for a test that spins the main loop until it is set. */
void
rapport_test_store_result (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Spins the main loop until the writes asked so far (the window's saves,
 * which run on the database's worker) have ended and been told. */
void
rapport_test_wait_for_writes (RapportDatabase *db)
{
  g_autoptr(GAsyncResult) result = NULL;

  rapport_database_wait_for_writes_async (db, NULL, rapport_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (rapport_database_wait_for_writes_finish (db, result, NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Whether this is the leak checker's pass (below): a test that compares
 * many combinations of the same code paths may try fewer of them there. */
gboolean
rapport_test_is_leak_pass (void)
{
  return g_getenv ("RAPPORT_TEST_LEAK_PASS") != NULL;
}

/* @n, or a fifth of it in the leak checker's pass, for a test that makes
 * orders only to have some to look at: there each order written costs
 * tens of milliseconds, every allocation of its triggers' frames in
 * SQLite being unwound, and a fifth takes the same code paths. */
guint
rapport_test_scaled (guint n)
{
  return rapport_test_is_leak_pass () ? MAX (n / 5, 1) : n;
}

/* The leak checker's pass (test setup "leaks") records the whole stack of
 * every allocation, which makes a test that writes thousands of rows, or
 * compares hundreds of reports, take minutes. A test whose point is the
 * amount of data calls this first: in that pass it is skipped, its code
 * being run there by the smaller tests. Its path has a "bulk" part, by
 * which the "sanitize" pass (tests/bulk-only) runs it, and it alone,
 * under AddressSanitizer. */
gboolean
rapport_test_skip_bulk (void)
{
  g_assert_nonnull (strstr (g_test_get_path (), "/bulk/"));
  if (!rapport_test_is_leak_pass ())
    return FALSE;
  g_test_skip ("bulk data: checked for leaks at a smaller size by the other tests");
  return TRUE;
}
